import type { ArgFact } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { ancestors, nodeRange } from '../tree-sitter/node-range.js';
import { javaString } from './values.js';

export function javaArgs(argList: SyntaxNode, lines: LineIndex): ArgFact[] {
  return argList.namedChildren
    .filter((a) => a.type !== 'line_comment' && a.type !== 'block_comment')
    .map((a) => {
      const literal = javaString(a);
      return literal === undefined
        ? { text: a.text, range: nodeRange(a, lines) }
        : { text: a.text, range: nodeRange(a, lines), literal };
    });
}

const TRANSPARENT = new Set(['parenthesized_expression', 'cast_expression']);

/** The variable or field a value is stored in: `IAcsClient c = <node>` → `c`, `this.client = <node>` → `client`. */
export function javaBoundTo(node: SyntaxNode): string | undefined {
  let cur: SyntaxNode = node;
  let parent = cur.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    cur = parent;
    parent = cur.parent;
  }
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === cur.id) {
    const left = parent.childForFieldName('left');
    if (!left) return undefined;
    return left.type === 'field_access' ? left.childForFieldName('field')?.text : left.text;
  }
  return undefined;
}

/** Method, constructor or initializer that contains the node (lambdas are looked through). */
export function javaEnclosingFunction(node: SyntaxNode): string | undefined {
  for (const a of ancestors(node)) {
    if (a.type === 'method_declaration' || a.type === 'constructor_declaration') return a.childForFieldName('name')?.text;
    if (a.type === 'static_initializer') return '<static>';
    if (a.type === 'field_declaration') return undefined;
  }
  return undefined;
}

/** Last segment of a receiver: `this.kms` → `kms`, `client` → `client`. */
export function receiverName(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'field_access') return node.childForFieldName('field')?.text;
  return undefined;
}
