import type { ArgFact } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import { unwrapParent } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { redactedArg } from '../tree-sitter/redact.js';
import { javaString } from './values.js';

export function javaArgs(argList: SyntaxNode, lines: LineIndex): ArgFact[] {
  return argList.namedChildren
    .filter((a) => a.type !== 'line_comment' && a.type !== 'block_comment')
    .map((a) => redactedArg(a, nodeRange(a, lines), ['string_literal'], javaString));
}

const TRANSPARENT = new Set(['parenthesized_expression', 'cast_expression']);

/** The variable or field a value is stored in: `IAcsClient c = <node>` → `c`, `this.client = <node>` → `client`. */
export function javaBoundTo(node: SyntaxNode): string | undefined {
  const { child: cur, parent } = unwrapParent(node, TRANSPARENT);
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === cur.id) {
    const left = parent.childForFieldName('left');
    if (!left) return undefined;
    return left.type === 'field_access' ? left.childForFieldName('field')?.text : left.text;
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
