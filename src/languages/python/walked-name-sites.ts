import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { NodesByKind } from '../tree-sitter/nodes-by-kind.js';
import { type CarriedAssignment, type PySites, VALUE_CARRIERS } from './name-sites.js';
import { dottedName } from './values.js';

/**
 * The same answers as PythonNameSites, from one walk per node kind. For deeply nested files, where
 * each offset look-up and each `parent` costs O(depth) in the native binding, and for files with star
 * imports, where any bare call may name an imported class.
 */
export class WalkedPythonNameSites implements PySites {
  private readonly nodes: NodesByKind;
  private carried?: CarriedAssignment[];

  constructor(root: SyntaxNode) {
    this.nodes = new NodesByKind(root);
  }

  private assignments(): CarriedAssignment[] {
    this.carried ??= this.nodes.of('assignment').flatMap((a) => {
      const right = a.childForFieldName('right');
      if (!right || !VALUE_CARRIERS.has(right.type)) return [];
      const left = a.childForFieldName('left');
      return left ? [{ left, right }] : [];
    });
    return this.carried;
  }

  imports(): SyntaxNode[] {
    return this.nodes.of(['import_statement', 'import_from_statement']);
  }

  valuesOf(name: string): SyntaxNode[] {
    return this.assignments()
      .filter((a) => dottedName(a.left) === name)
      .map((a) => a.right);
  }

  notableAssignments(
    attribute: (name: string) => boolean,
    name: (name: string) => boolean,
  ): CarriedAssignment[] {
    return this.assignments().filter(({ left }) =>
      left.type === 'attribute'
        ? attribute(left.childForFieldName('attribute')?.text ?? '')
        : left.type === 'identifier' && name(left.text),
    );
  }

  calls(): SyntaxNode[] {
    return this.nodes.of('call');
  }

  handedOn(name: string): boolean {
    const named = (n: SyntaxNode | null | undefined): boolean => {
      if (!n) return false;
      const value = n.type === 'keyword_argument' ? n.childForFieldName('value') : n;
      return dottedName(value)?.split('.').pop() === name;
    };
    for (const call of this.nodes.of('call'))
      if (call.childForFieldName('arguments')?.namedChildren.some(named)) return true;
    if (this.nodes.of('assignment').some((a) => named(a.childForFieldName('right')))) return true;
    return this.nodes.of('return_statement').some((r) => named(r.namedChildren[0]));
  }
}
