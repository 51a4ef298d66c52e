import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { type PassKey, passKey } from './pass-order.js';

/** The passes that gave names their values and types, in the order the extractor always ran them. */
export const DECLARATIONS_PASS = 0;
export const ASSIGNMENTS_PASS = 1;
export const TYPED_PASS = 1;

const FACT_WORDS =
  /["`(&{.]|KeyId|SecretName|ApiName|Domain|Endpoint|Version|AccessKey|SecurityToken|Password/;

/**
 * `s := 0`, `n += k * 2`: no string, call, selector, literal or fact field, plus a number or an operator. These
 * are most of a file's statements and can carry no fact, so they are dropped before any node access.
 */
export function isArithmetic(text: string): boolean {
  return !FACT_WORDS.test(text) && /[-+*/%<>|^!]|\b\d/.test(text.replace(/:?=/, ''));
}

export interface NamedValue {
  key: PassKey;
  name: string;
  /** The name's own node on the left. */
  nameNode: SyntaxNode;
  value: SyntaxNode;
}

/** The right side paired with the i-th name: `a, b := f()` gives both the one call. */
function paired(rights: SyntaxNode[], i: number): SyntaxNode | undefined {
  return rights.length === 1 ? rights[0] : rights[i];
}

/** `a, b := x, y`, `var a, b = x, y`, `const a = x`: the names given a value (none for arithmetic). */
export function declaredValues(node: SyntaxNode): NamedValue[] {
  const out: NamedValue[] = [];
  if (isArithmetic(node.text)) return out;
  if (node.type === 'short_var_declaration') {
    const lefts = node.childForFieldName('left')?.namedChildren ?? [];
    const rights = node.childForFieldName('right')?.namedChildren ?? [];
    lefts.forEach((l, i) => {
      const value = paired(rights, i);
      if (l.type !== 'identifier' || !value) return;
      out.push({ key: passKey(DECLARATIONS_PASS, node, i), name: l.text, nameNode: l, value });
    });
    return out;
  }
  const rights = node.childForFieldName('value')?.namedChildren ?? [];
  node.childrenForFieldName('name').forEach((n, i) => {
    const value = paired(rights, i);
    if (value) out.push({ key: passKey(DECLARATIONS_PASS, node, i), name: n.text, nameNode: n, value });
  });
  return out;
}

export interface AssignedPair {
  key: PassKey;
  node: SyntaxNode;
  left: SyntaxNode;
  right: SyntaxNode;
}

/** `a, r.KeyId = x, y`: each left side with its right side (none for arithmetic). */
export function assignedPairs(node: SyntaxNode): AssignedPair[] {
  const out: AssignedPair[] = [];
  if (isArithmetic(node.text)) return out;
  const lefts = node.childForFieldName('left')?.namedChildren ?? [];
  const rights = node.childForFieldName('right')?.namedChildren ?? [];
  lefts.forEach((left, i) => {
    const right = paired(rights, i);
    if (right) out.push({ key: passKey(ASSIGNMENTS_PASS, node, i), node, left, right });
  });
  return out;
}

export interface NamedType {
  key: PassKey;
  nameNode: SyntaxNode;
  type: SyntaxNode;
}

/** `var c *kms.Client`: the written type of each name of a var or const spec (none for arithmetic). */
export function specTypes(node: SyntaxNode): NamedType[] {
  if (isArithmetic(node.text)) return [];
  const type = node.childForFieldName('type');
  if (!type) return [];
  return node
    .childrenForFieldName('name')
    .map((nameNode, i) => ({ key: passKey(DECLARATIONS_PASS, node, i), nameNode, type }));
}

/** `c *kms.Client` as a parameter or a struct field: its names, when the type is `pkg.T` or `*pkg.T`. */
export function typedNames(node: SyntaxNode): NamedType[] {
  const type = node.childForFieldName('type');
  if (type?.type !== 'qualified_type' && type?.type !== 'pointer_type') return [];
  return node
    .childrenForFieldName('name')
    .map((nameNode, i) => ({ key: passKey(TYPED_PASS, node, i), nameNode, type }));
}
