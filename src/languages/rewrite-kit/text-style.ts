/** How a file writes its lines, so inserted code looks like the code around it. */
export interface TextStyle {
  eol: '\n' | '\r\n';
  /** One indentation step: a tab, or the most common space step. */
  indentUnit: string;
}

export function detectStyle(text: string, fallbackUnit = '    '): TextStyle {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > lf ? '\r\n' : '\n';
  let tabs = 0;
  const steps = new Map<number, number>();
  let prev = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const lead = /^[\t ]*/.exec(line)?.[0] ?? '';
    if (lead.startsWith('\t')) {
      tabs++;
      continue;
    }
    const width = lead.length;
    const step = Math.abs(width - prev);
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    prev = width;
  }
  const spaceLines = [...steps.values()].reduce((a, b) => a + b, 0);
  if (tabs > spaceLines) return { eol, indentUnit: '\t' };
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return { eol, indentUnit: best > 0 ? ' '.repeat(best) : fallbackUnit };
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break ending the line holding `offset` (or the text end). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[\t ]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
}

/** Joins lines with the file's line ending, each prefixed by `indent`; ends with a line break. */
export function block(lines: readonly string[], indent: string, eol: string): string {
  return lines.map((l) => (l === '' ? '' : indent + l) + eol).join('');
}
