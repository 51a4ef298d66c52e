import type { SyntaxNode } from './grammar.js';

interface Span {
  start: number;
  end: number;
  name: string;
}

/**
 * Enclosing-function lookup by offsets. `node.parent` in the native binding walks down from the
 * root on every call, so climbing ancestors costs O(depth²) on pathological nesting; comparing
 * ranges of the functions the query captured costs O(functions) and never touches parents.
 */
export class FunctionIndex {
  private readonly spans: Span[] = [];

  add(node: SyntaxNode, name: string | undefined): void {
    if (name) this.spans.push({ start: node.startIndex, end: node.endIndex, name });
  }

  /** Innermost captured function containing the node, if any. */
  enclosing(node: SyntaxNode): string | undefined {
    // Each read of a node's offsets is a call into the native binding: read them once, not per span
    // (a 5,000-line file has a thousand functions and twice as many parameters to place).
    const start = node.startIndex;
    const end = node.endIndex;
    let best: Span | undefined;
    for (const s of this.spans) {
      if (s.start <= start && end <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
    }
    return best?.name;
  }
}

/** Parent through wrapper nodes (parentheses, casts, await), a bounded number of steps. */
export function unwrapParent(
  node: SyntaxNode,
  wrappers: ReadonlySet<string>,
  limit = 8,
): { child: SyntaxNode; parent: SyntaxNode | null } {
  let child = node;
  let parent = child.parent;
  for (let i = 0; parent && wrappers.has(parent.type) && i < limit; i++) {
    child = parent;
    parent = child.parent;
  }
  return { child, parent };
}
