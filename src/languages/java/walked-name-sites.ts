import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { NodesByKind } from '../tree-sitter/nodes-by-kind.js';
import type { JavaSites } from './name-sites.js';
import { VALUE_CARRIERS } from './name-sites.js';
import { receiverName } from './site.js';

/**
 * The same answers as JavaNameSites, from one walk per node kind. For deeply nested files: there each
 * offset look-up and each `parent` costs O(depth) in the native binding, so thousands of them cost
 * seconds, while a walk stays linear.
 */
export class WalkedJavaNameSites implements JavaSites {
  private readonly nodes: NodesByKind;

  constructor(root: SyntaxNode) {
    this.nodes = new NodesByKind(root);
  }

  private carried(node: SyntaxNode, field: string): SyntaxNode | undefined {
    const value = node.childForFieldName(field);
    return value && VALUE_CARRIERS.has(value.type) ? value : undefined;
  }

  valuesOf(name: string): { declared: SyntaxNode[]; assigned: SyntaxNode[] } {
    const declared: SyntaxNode[] = [];
    const assigned: SyntaxNode[] = [];
    for (const d of this.nodes.of('variable_declarator')) {
      const value = this.carried(d, 'value');
      if (value && d.childForFieldName('name')?.text === name) declared.push(value);
    }
    for (const a of this.nodes.of('assignment_expression')) {
      const right = this.carried(a, 'right');
      if (right && receiverName(a.childForFieldName('left')) === name) assigned.push(right);
    }
    return { declared, assigned };
  }

  stringDeclarators(): { name: string; value: SyntaxNode }[] {
    const out: { name: string; value: SyntaxNode }[] = [];
    for (const d of this.nodes.of('variable_declarator')) {
      const value = d.childForFieldName('value');
      const name = d.childForFieldName('name')?.text;
      if (name && value?.type === 'string_literal') out.push({ name, value });
    }
    return out;
  }

  fieldWrites(): { left: SyntaxNode; right: SyntaxNode }[] {
    const out: { left: SyntaxNode; right: SyntaxNode }[] = [];
    for (const a of this.nodes.of('assignment_expression')) {
      const right = this.carried(a, 'right');
      const left = a.childForFieldName('left');
      if (right && left?.type === 'field_access') out.push({ left, right });
    }
    return out;
  }

  handedOn(name: string): boolean {
    const named = (n: SyntaxNode | null | undefined) =>
      !!n && (n.type === 'identifier' || n.type === 'field_access') && receiverName(n) === name;
    for (const kind of ['method_invocation', 'object_creation_expression'])
      for (const n of this.nodes.of(kind))
        if (n.childForFieldName('arguments')?.namedChildren.some(named)) return true;
    if (this.nodes.of('variable_declarator').some((n) => named(n.childForFieldName('value')))) return true;
    if (this.nodes.of('assignment_expression').some((n) => named(n.childForFieldName('right')))) return true;
    return this.nodes.of('return_statement').some((n) => named(n.namedChildren[0]));
  }

  notableDeclarations(): SyntaxNode[] {
    return this.nodes.of(['formal_parameter', 'field_declaration']);
  }

  imports(): SyntaxNode[] {
    return this.nodes.of('import_declaration');
  }

  creations(): SyntaxNode[] {
    return this.nodes.of('object_creation_expression');
  }

  calls(wanted: (name: string) => boolean): SyntaxNode[] {
    return this.nodes.of('method_invocation').filter((n) => wanted(n.childForFieldName('name')?.text ?? ''));
  }
}
