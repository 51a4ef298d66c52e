import type { SyntaxNode } from './grammar.js';

interface Span {
  start: number;
  end: number;
  name: string;
}

/** What the fact sinks and request tracking ask: the name of the function a node sits in. */
export interface EnclosingFunctions {
  enclosing(node: SyntaxNode): string | undefined;
}

/**
 * Enclosing-function lookup by offsets. `node.parent` in the native binding walks down from the
 * root on every call, so climbing ancestors costs O(depth²) on pathological nesting; comparing
 * ranges of the functions the query captured costs O(functions) and never touches parents.
 */
export class FunctionIndex implements EnclosingFunctions {
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

/**
 * Enclosing-function lookup by climbing from the node, for an extractor that asks about few nodes and
 * so does not capture every function: a 5,000-line Java file has a thousand methods, and capturing
 * them costs more than the dozen climbs the file needs (the language server re-extracts on every
 * keystroke). Past `maxClimb` steps (pathological nesting, where each native `parent` call costs
 * O(depth)), it falls back to one range index over every function of the tree.
 */
export class AncestorFunctions implements EnclosingFunctions {
  private fallback?: { node: SyntaxNode; start: number; end: number }[];

  constructor(
    /** The tree's root, for the fallback (the index is made before the file is parsed). */
    private readonly root: () => SyntaxNode,
    private readonly kinds: ReadonlySet<string>,
    readonly nameOf: (fn: SyntaxNode) => string | undefined,
    private maxClimb = 64,
  ) {}

  /** Deeply nested trees: every look-up goes to the range index (each climb step costs O(depth)). */
  useRangeIndex(): void {
    this.maxClimb = 0;
  }

  enclosing(node: SyntaxNode): string | undefined {
    const fn = this.enclosingNode(node);
    return fn ? this.nameOf(fn) : undefined;
  }

  /** The innermost function node containing `node` (the node itself when it is one). */
  enclosingNode(node: SyntaxNode): SyntaxNode | undefined {
    let cur: SyntaxNode | null = node;
    for (let i = 0; cur && i < this.maxClimb; i++, cur = cur.parent) {
      if (this.kinds.has(cur.type) && this.nameOf(cur) !== undefined) return cur;
    }
    return cur || this.maxClimb === 0 ? this.byRange(node) : undefined;
  }

  private byRange(node: SyntaxNode): SyntaxNode | undefined {
    this.fallback ??= this.root()
      .descendantsOfType([...this.kinds])
      .filter((n) => this.nameOf(n) !== undefined)
      .map((n) => ({ node: n, start: n.startIndex, end: n.endIndex }));
    const start = node.startIndex;
    const end = node.endIndex;
    let best: { node: SyntaxNode; start: number; end: number } | undefined;
    for (const s of this.fallback) {
      if (s.start <= start && end <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
    }
    return best?.node;
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
