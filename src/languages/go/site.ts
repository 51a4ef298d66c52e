import type { ArgFact } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { redactedArg } from '../tree-sitter/redact.js';
import { goString } from './values.js';

export function goArgs(argList: SyntaxNode, lines: LineIndex): ArgFact[] {
  return argList.namedChildren
    .filter((a) => a.type !== 'comment')
    .map((a) => redactedArg(a, nodeRange(a, lines), GO_STRINGS, goString));
}

const GO_STRINGS = ['interpreted_string_literal', 'raw_string_literal'];

/** Left-hand side paired with a right-hand expression in `a, b := x, y` / `a = x` / `var a = x`. */
export function pairedTarget(node: SyntaxNode): SyntaxNode | undefined {
  const list = node.parent;
  if (list?.type !== 'expression_list') return undefined;
  const stmt = list.parent;
  if (!stmt) return undefined;
  const rights = list.namedChildren;
  const index = rights.findIndex((r) => r.id === node.id);
  let lefts: SyntaxNode[] = [];
  if (stmt.type === 'short_var_declaration' || stmt.type === 'assignment_statement') {
    if (stmt.childForFieldName('right')?.id !== list.id) return undefined;
    lefts = stmt.childForFieldName('left')?.namedChildren ?? [];
  } else if (stmt.type === 'var_spec' || stmt.type === 'const_spec') {
    lefts = stmt.childrenForFieldName('name');
  } else return undefined;
  // `client, err := kms.NewClient...()`: one call, several results → the first is the client
  return rights.length === 1 ? lefts[0] : lefts[index];
}

/** `s.client` → `client`; `client` → `client`. */
export function lastName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'field_identifier') return node.text;
  if (node.type === 'selector_expression') return node.childForFieldName('field')?.text;
  return undefined;
}
