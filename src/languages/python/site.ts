import type { ArgFact } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { ancestors, nodeRange } from '../tree-sitter/node-range.js';
import { pyString } from './values.js';

export function pyArgs(argList: SyntaxNode, lines: LineIndex): ArgFact[] {
  const out: ArgFact[] = [];
  for (const a of argList.namedChildren) {
    if (a.type === 'comment') continue;
    const fact: ArgFact = { text: a.text, range: nodeRange(a, lines) };
    const valueNode = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      if (name) fact.name = name;
    }
    const literal = pyString(valueNode);
    if (literal !== undefined) fact.literal = literal;
    out.push(fact);
  }
  return out;
}

/** Positional arguments (in order) and keyword arguments (by name) of a call. */
export function splitArgs(argList: SyntaxNode | null): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode> } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (const a of argList?.namedChildren ?? []) {
    if (a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
  }
  return { positional, keywords };
}

/** `client = AcsClient(...)` → `client`; `self.client = AcsClient(...)` → `self.client`. */
export function pyBoundTo(node: SyntaxNode): string | undefined {
  let cur: SyntaxNode = node;
  let parent = cur.parent;
  while (parent && (parent.type === 'parenthesized_expression' || parent.type === 'await')) {
    cur = parent;
    parent = cur.parent;
  }
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === cur.id) {
    const left = parent.childForFieldName('left');
    if (left && (left.type === 'identifier' || left.type === 'attribute')) return left.text;
  }
  return undefined;
}

/** Nearest enclosing `def` (lambdas are looked through); undefined at module or class level. */
export function pyEnclosingFunction(node: SyntaxNode): string | undefined {
  for (const a of ancestors(node)) {
    if (a.type === 'function_definition') return a.childForFieldName('name')?.text;
    if (a.type === 'class_definition') return undefined;
  }
  return undefined;
}
