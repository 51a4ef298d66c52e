import type { SyntaxNode } from '../tree-sitter/grammar.js';

/**
 * Where a value or type met the extractor when it still walked every node: the pass (declarations
 * before assignments; specs before parameters and fields), then the node's pre-order position (start
 * ascending, an enclosing node before what it holds), then the name's position in the node. Reading
 * sites lazily, the extractor sorts by this key so that "first wins" and "last wins" stay what they were.
 */
export type PassKey = readonly number[];

export function passKey(pass: number, node: SyntaxNode, index: number): PassKey {
  return [pass, node.startIndex, -node.endIndex, index];
}

export function comparePassKeys(a: PassKey, b: PassKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** In pass order (a stable sort, so equal keys keep the order they were found in). */
export function inPassOrder<T extends { key: PassKey }>(items: T[]): T[] {
  return items.sort((a, b) => comparePassKeys(a.key, b.key));
}
