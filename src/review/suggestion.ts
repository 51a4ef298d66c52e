import { applyEdits, LineIndex, normalizeEdits, type TextEdit } from '../model/index.js';

/** A GitHub suggested change: lines first..last of the head file become `lines` (none: deleted). */
export interface Suggestion {
  first: number;
  last: number;
  lines: string[];
}

/** Why the fix of a finding cannot be one suggestion block. */
export type NoSuggestion =
  | { reason: 'no-edits' }
  | { reason: 'outside-range'; first: number; last: number; why?: string }
  | { reason: 'line-ending' }
  | { reason: 'no-change' };

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The lines an edit touches; an insertion touches the line it is inserted into. */
function editLines(idx: LineIndex, e: TextEdit): { first: number; last: number } {
  const first = idx.position(e.start).line;
  if (e.end === e.start) return { first, last: first };
  const end = idx.position(e.end);
  return { first, last: end.column === 1 ? Math.max(first, end.line - 1) : end.line };
}

function eolOf(s: string): string {
  return s.endsWith('\r\n') ? '\r\n' : s.endsWith('\n') ? '\n' : '';
}

/**
 * Lines first..last of `text` replaced by `s.lines`, as GitHub applies a suggestion: whole lines,
 * each new line ending as the replaced lines did.
 */
export function applySuggestion(text: string, s: Suggestion): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const replaced = lines.slice(s.first - 1, s.last);
  const eol = eolOf(replaced[0] ?? '') || '\n';
  const lastEol = eolOf(replaced[replaced.length - 1] ?? '');
  const body = s.lines.map((l, i) => l + (i < s.lines.length - 1 ? eol : lastEol)).join('');
  return lines.slice(0, s.first - 1).join('') + body + lines.slice(s.last).join('');
}

/**
 * The fix's edits on the head file as one suggestion: the lines they touch, rewritten. Only when
 * `allowed` accepts those lines (the caller's check: one hunk; else it says why not), widened to
 * `cover` (the finding's own lines, so the comment sits on it), and only when
 * applying the suggestion gives exactly what applying the edits gives (checked here, so a
 * suggestion can never differ from `migrate --write`).
 */
export function suggestionFor(
  text: string,
  edits: readonly TextEdit[],
  allowed: (first: number, last: number) => true | string,
  cover?: { first: number; last: number },
): Suggestion | NoSuggestion {
  if (edits.length === 0) return { reason: 'no-edits' };
  const ordered = normalizeEdits(edits);
  const idx = new LineIndex(text);
  let first = cover?.first ?? Number.POSITIVE_INFINITY;
  let last = cover?.last ?? 0;
  for (const e of ordered) {
    const l = editLines(idx, e);
    first = Math.min(first, l.first);
    last = Math.max(last, l.last);
  }
  const lines = lineCount(text);
  if (last > lines)
    return { reason: 'outside-range', first, last, why: 'it adds lines after the end of the file' };
  const ok = allowed(first, last);
  if (ok !== true) return { reason: 'outside-range', first, last, why: ok };
  const start = idx.lineStart(first);
  const end = last < lines ? idx.lineStart(last + 1) : text.length;
  const before = text.slice(start, end);
  const after = applyEdits(
    before,
    ordered.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })),
  );
  if (after === before) return { reason: 'no-change' };
  const eol = eolOf(before);
  let body: string | undefined;
  if (after === '') body = undefined;
  else if (eol === '') {
    if (after.endsWith('\n')) return { reason: 'line-ending' };
    body = after;
  } else {
    if (!after.endsWith(eol)) return { reason: 'line-ending' };
    body = after.slice(0, -eol.length);
  }
  const suggestion = { first, last, lines: body === undefined ? [] : body.split(/\r?\n/) };
  return applySuggestion(text, suggestion) === applyEdits(text, ordered)
    ? suggestion
    : { reason: 'line-ending' };
}

export const isSuggestion = (s: Suggestion | NoSuggestion): s is Suggestion => 'lines' in s;

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
export function fence(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  return '`'.repeat(Math.max(3, longest + 1));
}
