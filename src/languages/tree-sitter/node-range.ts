import type { LineIndex, Range } from '../../model/range.js';
import type { SyntaxNode } from './grammar.js';

export function nodeRange(node: SyntaxNode, lines: LineIndex): Range {
  return lines.range(node.startIndex, node.endIndex);
}

/** Walks up at most `limit` parents: a guard against pathological nesting. */
export function ancestors(node: SyntaxNode, limit = 256): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur = node.parent;
  while (cur && out.length < limit) {
    out.push(cur);
    cur = cur.parent;
  }
  return out;
}

/** Captures grouped by name, in document order. */
export function groupCaptures(captures: { name: string; node: SyntaxNode }[]): Map<string, SyntaxNode[]> {
  const out = new Map<string, SyntaxNode[]>();
  for (const c of captures) {
    const list = out.get(c.name);
    if (list) list.push(c.node);
    else out.set(c.name, [c.node]);
  }
  return out;
}
