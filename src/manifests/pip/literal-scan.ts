import type { Span } from '../types.js';

/**
 * String items of a bracketed list in Python or TOML source, starting at `open` (the `[`): each
 * item's content span (without quotes), and the offset of the closing `]`. `#` comments are skipped.
 * Undefined when the list does not close or holds something other than plain strings (a variable,
 * an f-string, a string with escapes), which the caller reports instead of guessing.
 */
export function stringList(text: string, open: number): { close: number; items: Span[] } | undefined {
  const items: Span[] = [];
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (/[\s,]/.test(c)) continue;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === ']') return { close: i, items };
    const s = quoted(text, i);
    if (!s) return undefined;
    items.push(s.content);
    i = s.end - 1;
  }
  return undefined;
}

/** A plain single-line string literal at `at` (no prefix, no escapes). */
export function quoted(text: string, at: number): { content: Span; end: number } | undefined {
  const q = text[at];
  if (q !== '"' && q !== "'") return undefined;
  if (text.startsWith(q.repeat(3), at)) return undefined;
  const close = text.indexOf(q, at + 1);
  const nl = text.indexOf('\n', at + 1);
  if (close < 0 || (nl >= 0 && nl < close)) return undefined;
  const content = text.slice(at + 1, close);
  if (content.includes('\\')) return undefined;
  return { content: { start: at + 1, end: close, text: content }, end: close + 1 };
}

/** `{ 'key': [ ... ], ... }` starting at `open` (the `{`): each key with the `[` of its list. */
export function dictOfLists(
  text: string,
  open: number,
): { close: number; entries: { key: string; open: number }[] } | undefined {
  const entries: { key: string; open: number }[] = [];
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (/[\s,]/.test(c)) continue;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '}') return { close: i, entries };
    const key = quoted(text, i);
    if (!key) return undefined;
    const colon = /^\s*:\s*/.exec(text.slice(key.end));
    if (!colon || text[key.end + colon[0].length] !== '[') return undefined;
    const listOpen = key.end + colon[0].length;
    const list = stringList(text, listOpen);
    if (!list) return undefined;
    entries.push({ key: key.content.text, open: listOpen });
    i = list.close;
  }
  return undefined;
}
