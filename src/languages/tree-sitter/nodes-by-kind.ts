import type { SyntaxNode } from './grammar.js';

/** Every node of some kinds under a root, walked once per kind list and kept (the walk-based site finders). */
export class NodesByKind {
  private readonly walked = new Map<string, SyntaxNode[]>();

  constructor(private readonly root: SyntaxNode) {}

  of(kinds: string | string[]): SyntaxNode[] {
    const key = typeof kinds === 'string' ? kinds : kinds.join();
    let nodes = this.walked.get(key);
    if (!nodes) {
      nodes = this.root.descendantsOfType(kinds);
      this.walked.set(key, nodes);
    }
    return nodes;
  }
}
