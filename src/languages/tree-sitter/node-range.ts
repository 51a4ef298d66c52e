import type { LineIndex, Range } from '../../model/range.js';
import type { SyntaxNode } from './grammar.js';

export function nodeRange(node: SyntaxNode, lines: LineIndex): Range {
  return lines.range(node.startIndex, node.endIndex);
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
