import type { SyntaxNode } from './grammar.js';

const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;

/** Offsets where `word` stands as a whole identifier in `text` (not inside a longer name). */
export function wordOccurrences(text: string, word: string): number[] {
  const out: number[] = [];
  if (word.length === 0) return out;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + word.length] ?? '';
    if ((before && IDENTIFIER_CHAR.test(before)) || (after && IDENTIFIER_CHAR.test(after))) continue;
    out.push(at);
  }
  return out;
}

/** Offsets of every occurrence of `needle` in `text`, overlapping ones included. */
export function substringOccurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** The identifier token spanning exactly `[start, start + length)`, if the tree has one there. */
export function identifierAt(
  root: SyntaxNode,
  start: number,
  length: number,
  kind = 'identifier',
): SyntaxNode | undefined {
  const node = root.descendantForIndex(start, start + length);
  return node.type === kind && node.startIndex === start && node.endIndex === start + length
    ? node
    : undefined;
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
