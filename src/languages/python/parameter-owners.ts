import { FunctionIndex } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { ParameterIndex, type ParameterOwners } from '../tree-sitter/parameter-index.js';

/**
 * Which function's parameter a name is, for the few settings that ask (a tea Config's endpoint). Every
 * function and parameter of the file is indexed on the first question only: most files never ask.
 */
export class PyParameterOwners implements ParameterOwners {
  private index?: ParameterIndex;

  constructor(private readonly root: () => SyntaxNode) {}

  ownerAt(name: string, at: SyntaxNode): string | undefined {
    this.index ??= this.build();
    return this.index.ownerAt(name, at);
  }

  private build(): ParameterIndex {
    const functions = new FunctionIndex();
    const parameters = new ParameterIndex(functions);
    const defs = this.root().descendantsOfType('function_definition');
    for (const fn of defs) functions.add(fn, fn.childForFieldName('name')?.text);
    for (const fn of defs) {
      for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
        const name =
          p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren[0])?.text;
        if (name && name !== 'self' && name !== 'cls') parameters.add(name, p);
      }
    }
    return parameters;
  }
}
