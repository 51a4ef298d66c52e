import { credentialNameRole } from '../../model/credential-looks.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { NodesByKind } from '../tree-sitter/nodes-by-kind.js';
import { type GoSites, READ_FIELDS, READ_KEYS } from './name-sites.js';
import { inPassOrder } from './pass-order.js';
import { lastName } from './site.js';
import {
  type AssignedPair,
  assignedPairs,
  declaredValues,
  type NamedType,
  type NamedValue,
  specTypes,
  typedNames,
} from './statement-values.js';
import { goString, selectorParts } from './values.js';

const DECLARATIONS = ['short_var_declaration', 'var_spec', 'const_spec'];

/**
 * The same answers as GoNameSites, from walks over every statement of a kind. For deeply nested files:
 * there each offset look-up and each `parent` costs O(depth) in the native binding, so thousands of
 * them cost seconds, while a walk stays linear.
 */
export class WalkedGoNameSites implements GoSites {
  private readonly nodes: NodesByKind;
  private declared?: NamedValue[];
  private assigned?: AssignedPair[];

  constructor(
    root: SyntaxNode,
    private readonly enclosing: (node: SyntaxNode) => string | undefined,
  ) {
    this.nodes = new NodesByKind(root);
  }

  private declarations(): NamedValue[] {
    this.declared ??= this.nodes.of(DECLARATIONS).flatMap(declaredValues);
    return this.declared;
  }

  private assignments(): AssignedPair[] {
    this.assigned ??= this.nodes.of(['assignment_statement']).flatMap(assignedPairs);
    return this.assigned;
  }

  valuesOf(name: string): NamedValue[] {
    const assigned = this.assignments()
      .filter((p) => p.left.type === 'identifier' && p.left.text === name)
      .map((p) => ({ key: p.key, name, nameNode: p.left, value: p.right }));
    return inPassOrder([...this.declarations().filter((v) => v.name === name), ...assigned]);
  }

  credentialDeclarations(): NamedValue[] {
    return this.declarations().filter((v) => credentialNameRole(v.name));
  }

  typesOf(name: string): NamedType[] {
    const specs = this.nodes.of(['var_spec', 'const_spec']).flatMap(specTypes);
    const typed = this.nodes.of(['parameter_declaration', 'field_declaration']).flatMap(typedNames);
    return inPassOrder([...specs, ...typed].filter((t) => t.nameNode.text === name));
  }

  isParameterOf(name: string, fn: string): boolean {
    return this.nodes
      .of(['parameter_declaration'])
      .some((p) => p.childrenForFieldName('name').some((n) => n.text === name && this.enclosing(n) === fn));
  }

  fieldAssignments(): AssignedPair[] {
    return this.assignments().filter((p) => {
      if (p.left.type === 'index_expression')
        return READ_KEYS.has(goString(p.left.childForFieldName('index')) ?? '');
      const field = selectorParts(p.left)?.field;
      return field !== undefined && READ_FIELDS.has(field);
    });
  }

  handedOn(name: string): boolean {
    const named = (n: SyntaxNode | null | undefined) =>
      !!n && (n.type === 'identifier' || n.type === 'selector_expression') && lastName(n) === name;
    const any = (list: SyntaxNode | null | undefined) => !!list?.namedChildren.some(named);
    if (this.nodes.of(['call_expression']).some((n) => any(n.childForFieldName('arguments')))) return true;
    if (this.nodes.of(['return_statement']).some((n) => n.namedChildren.some(any))) return true;
    if (this.nodes.of(['assignment_statement']).some((n) => any(n.childForFieldName('right')))) return true;
    if (
      this.nodes
        .of(DECLARATIONS)
        .some((n) => any(n.childForFieldName('right') ?? n.childForFieldName('value')))
    )
      return true;
    return this.nodes
      .of(['composite_literal'])
      .some((n) =>
        (n.childForFieldName('body')?.namedChildren ?? []).some(
          (el) =>
            el.type === 'keyed_element' &&
            named(el.namedChildren[1]?.namedChildren[0] ?? el.namedChildren[1]),
        ),
      );
  }
}
