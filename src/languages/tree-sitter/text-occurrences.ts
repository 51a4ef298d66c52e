import type { SyntaxNode } from './grammar.js';

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;

/** Where a language's lexer can begin and end an identifier token (each grammar has its own rules). */
export interface IdentifierBounds {
  /** An identifier can start at `at`: the characters before it do not run on into it. */
  startsAt(text: string, at: number): boolean;
  /** An identifier can end at `end`: the character there does not continue it. */
  endsAt(text: string, end: number): boolean;
}

/** Java's (and the default): letters, digits, `_` and `$` on both sides end a name. */
export const PLAIN_IDENTIFIERS: IdentifierBounds = {
  startsAt: (text, at) => at === 0 || !IDENTIFIER_CHAR.test(text[at - 1]),
  endsAt: (text, end) => end >= text.length || !IDENTIFIER_CHAR.test(text[end]),
};

/** Offsets where `word` may be a whole identifier in `text` (confirmed on the tree by the caller). */
export function wordOccurrences(text: string, word: string, bounds = PLAIN_IDENTIFIERS): number[] {
  const out: number[] = [];
  if (word.length === 0) return out;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (bounds.endsAt(text, at + word.length) && bounds.startsAt(text, at)) out.push(at);
  }
  return out;
}

/** Offsets of every occurrence of `needle` in `text`, overlapping ones included. */
export function substringOccurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** The identifier token (or one of `kind`) spanning exactly `[start, start + length)`, if the tree has one there. */
export function identifierAt(
  root: SyntaxNode,
  start: number,
  length: number,
  kind: string | ReadonlySet<string> = 'identifier',
): SyntaxNode | undefined {
  const node = root.descendantForIndex(start, start + length);
  const ofKind = typeof kind === 'string' ? node.type === kind : kind.has(node.type);
  return ofKind && node.startIndex === start && node.endIndex === start + length ? node : undefined;
}

/** The same node, compared by kind and span (node objects from separate native calls are not identical). */
export function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.type === b.type && a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

/** The nearest ancestor (or the node itself) of one of `kinds`, at most `limit` steps up. */
export function closestOfKind(
  node: SyntaxNode,
  kinds: ReadonlySet<string>,
  limit: number,
): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  for (let i = 0; cur && i <= limit; i++, cur = cur.parent) if (kinds.has(cur.type)) return cur;
  return undefined;
}

/**
 * The deepest bracket nesting of `text` (`(`, `[`, `{`), strings and comments not told apart: an
 * upper bound of the syntax tree's depth, for choosing between offset look-ups and a walk.
 */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}
