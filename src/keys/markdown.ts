/** A markdown table cell: pipes and newlines would break the row. */
export function cell(text: string | number | undefined): string {
  return String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

export function table(header: string[], rows: (string | number | undefined)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export const VERDICT_LABEL = {
  'can-move': 'can move',
  'not-supported': 'not supported',
  'no-migration-needed': 'no migration needed',
} as const;
