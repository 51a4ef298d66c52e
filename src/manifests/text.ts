/** Shared text helpers for manifest editors. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function indentAt(text: string, offset: number): string {
  const s = lineStart(text, offset);
  return /^[\t ]*/.exec(text.slice(s))?.[0] ?? '';
}

/** Offset just after the last non-blank character before `offset`. */
export function endOfContentBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The indentation step used by a file (tab or the smallest non-zero space indent). */
export function indentUnitOf(text: string, fallback = '    '): string {
  let min = 0;
  for (const line of text.split('\n')) {
    const lead = /^[\t ]*/.exec(line)?.[0] ?? '';
    if (line.trim() === '' || lead === '') continue;
    if (lead.startsWith('\t')) return '\t';
    if (min === 0 || lead.length < min) min = lead.length;
  }
  return min > 0 ? ' '.repeat(min) : fallback;
}
