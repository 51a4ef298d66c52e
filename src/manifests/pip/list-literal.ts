import type { TextEdit } from '../../model/edit.js';
import { endOfContentBefore, indentAt, lineStart } from '../text.js';

/**
 * Adds string items to a bracketed list starting at `open` (the `[`), following its layout:
 * one item per line when the list is multi-line, inline otherwise.
 */
export function appendToList(
  text: string,
  open: number,
  items: string[],
  eol: string,
  unit: string,
): TextEdit[] | undefined {
  let depth = 0;
  let close = -1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < text.length && text[i] !== q) i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return undefined;
  const inner = text.slice(open + 1, close);
  const q = /'/.test(inner) && !/"/.test(inner) ? "'" : '"';
  const last = endOfContentBefore(text, close);
  const empty = last === open + 1;
  const trailingComma = !empty && text[last - 1] === ',';
  if (inner.includes('\n')) {
    const closeLineStart = lineStart(text, close);
    const itemIndent = empty ? indentAt(text, open) + unit : indentAt(text, lastItemStart(text, last));
    const lines = items.map((s) => `${itemIndent}${q}${s}${q},`).join(eol);
    if (text.slice(closeLineStart, close).trim() === '') {
      const sep = empty || trailingComma ? '' : ',';
      return [
        ...(sep ? [{ start: last, end: last, text: sep }] : []),
        { start: closeLineStart, end: closeLineStart, text: lines + eol },
      ];
    }
    return [{ start: last, end: last, text: `${empty || trailingComma ? '' : ','}${eol}${lines}` }];
  }
  const joined = items.map((s) => `${q}${s}${q}`).join(', ');
  return [{ start: last, end: last, text: empty ? joined : `${trailingComma ? ' ' : ', '}${joined}` }];
}

function lastItemStart(text: string, before: number): number {
  return lineStart(text, before - 1);
}
