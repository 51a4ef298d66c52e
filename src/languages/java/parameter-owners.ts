import type { AncestorFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import type { ParameterOwners } from '../tree-sitter/parameter-index.js';

/**
 * "Is `name` a parameter of the method it is used in?", answered when asked, by reading that one
 * method's parameters (a lambda's typed parameters count as the method's, nested methods' do not).
 */
export class JavaParameterOwners implements ParameterOwners {
  private readonly byFunction = new Map<number, Set<string>>();

  constructor(private readonly functions: AncestorFunctions) {}

  ownerAt(name: string, at: SyntaxNode): string | undefined {
    const fn = this.functions.enclosingNode(at);
    if (!fn) return undefined;
    return this.parametersOf(fn).has(name) ? this.functions.nameOf(fn) : undefined;
  }

  private parametersOf(fn: SyntaxNode): Set<string> {
    const start = fn.startIndex;
    let names = this.byFunction.get(start);
    if (names) return names;
    names = new Set();
    for (const param of fn.descendantsOfType('formal_parameter')) {
      if (this.functions.enclosingNode(param)?.startIndex !== start) continue;
      const name = param.childForFieldName('name')?.text;
      if (name) names.add(name);
    }
    this.byFunction.set(start, names);
    return names;
  }
}
