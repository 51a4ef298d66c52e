import type { FunctionIndex } from './function-index.js';
import type { SyntaxNode } from './grammar.js';

/** Which function's parameter a name is, seen from a node inside that function. */
export interface ParameterOwners {
  ownerAt(name: string, at: SyntaxNode): string | undefined;
}

/** Parameters by name with the function they belong to, to tell "a parameter of X" from any other name. */
export class ParameterIndex implements ParameterOwners {
  private readonly byName = new Map<string, string[]>();

  constructor(private readonly functions: FunctionIndex) {}

  add(name: string, node: SyntaxNode): void {
    const fn = this.functions.enclosing(node);
    if (!fn) return;
    const list = this.byName.get(name) ?? [];
    list.push(fn);
    this.byName.set(name, list);
  }

  /** The function whose parameter `name` is, seen from `at` (inside that function), if any. */
  ownerAt(name: string, at: SyntaxNode): string | undefined {
    const fns = this.byName.get(name);
    if (!fns) return undefined;
    const fn = this.functions.enclosing(at);
    return fn && fns.includes(fn) ? fn : undefined;
  }
}
