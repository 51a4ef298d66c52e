import type { EnclosingFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import type { ParameterOwners } from '../tree-sitter/parameter-index.js';

/**
 * "Is `name` a parameter of the function it is used in?", answered when asked: true when a parameter
 * of that name sits anywhere in a function of that name (closures' parameters count as their
 * function's), as when every parameter was indexed up front.
 */
export class GoParameterOwners implements ParameterOwners {
  constructor(
    private readonly functions: EnclosingFunctions,
    private readonly isParameterOf: (name: string, fn: string) => boolean,
  ) {}

  ownerAt(name: string, at: SyntaxNode): string | undefined {
    const fn = this.functions.enclosing(at);
    return fn && this.isParameterOf(name, fn) ? fn : undefined;
  }
}
