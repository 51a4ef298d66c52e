import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { type IdentifierBounds, wordOccurrences } from '../tree-sitter/text-occurrences.js';

/** tree-sitter-python's identifier is `[_\p{XID_Start}][_\p{XID_Continue}]*`, lexed greedily. */
const CONTINUE = /[_\p{XID_Continue}]/u;
const START = /[_\p{XID_Start}]/u;
/** What the grammar skips between tokens: whitespace, comments, line continuations. */
export const GAP = String.raw`(?:[\s\u0085\u200B\u2060\uFEFF]|#[^\n]*(?:\n|$)|\\\r?\n|\\\0)*`;
/** A maximal run of identifier characters (the identifier the lexer makes ends where the run ends). */
export const RUN = String.raw`(?<![_\p{XID_Continue}])[_\p{XID_Continue}]+`;

/**
 * Whether an identifier can start at `at`, judged from the characters before it: never inside a run
 * of identifier characters the lexer reads as one name, but after a number it ends (`1.e5abc`, `0x1g`:
 * broken code, left to the tree to decide).
 */
function mayStartAt(text: string, at: number): boolean {
  if (at === 0 || !CONTINUE.test(text[at - 1])) return true;
  let run = at - 1;
  while (run > 0 && CONTINUE.test(text[run - 1])) run--;
  return !startsName(text, run) || afterNumberDot(text, run);
}

/** `1.e5`: a float's exponent looks like an attribute name after its dot. */
function afterNumberDot(text: string, at: number): boolean {
  return text[at - 1] === '.' && /[0-9]/.test(text[at - 2] ?? '');
}

function startsName(text: string, at: number): boolean {
  return START.test(String.fromCodePoint(text.codePointAt(at) ?? 0));
}

const PYTHON_IDENTIFIERS: IdentifierBounds = {
  startsAt: mayStartAt,
  endsAt: (text, end) => end >= text.length || !CONTINUE.test(text[end]),
};

/** Offsets where `name` may be written as a whole identifier (confirmed on the tree by the caller). */
export function identifierOccurrences(text: string, name: string): number[] {
  return wordOccurrences(text, name, PYTHON_IDENTIFIERS);
}

/**
 * The names an identifier ending where the run `[start, end)` ends may have: the whole run, or, after a
 * number the lexer ends inside the run, any of its suffixes that start like a name.
 */
export function namesEndingRun(text: string, start: number, end: number): string[] {
  if (startsName(text, start) && !afterNumberDot(text, start)) return [text.slice(start, end)];
  const out: string[] = [];
  for (let i = start; i < end; i++) if (startsName(text, i)) out.push(text.slice(i, end));
  return out;
}

/** The identifier token ending exactly at `end`, if the tree has one there. */
export function identifierEndingAt(root: SyntaxNode, end: number): SyntaxNode | undefined {
  if (end <= 0) return undefined;
  const node = root.descendantForIndex(end - 1, end);
  return node.type === 'identifier' && node.endIndex === end ? node : undefined;
}
