import type { ArgFact } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import { unwrapParent } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { isSafeLiteral, redactedArg } from '../tree-sitter/redact.js';
import { pyString } from './values.js';

export function pyArgs(argList: SyntaxNode, lines: LineIndex): ArgFact[] {
  const out: ArgFact[] = [];
  for (const a of argList.namedChildren) {
    if (a.type === 'comment') continue;
    const fact = redactedArg(a, nodeRange(a, lines), ['string'], pyString);
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      if (name) fact.name = name;
      const literal = pyString(a.childForFieldName('value'));
      if (literal !== undefined && isSafeLiteral(literal)) fact.literal = literal;
    }
    out.push(fact);
  }
  return out;
}

/** Positional arguments (in order) and keyword arguments (by name) of a call. */
export function splitArgs(argList: SyntaxNode | null): {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
} {
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

const WRAPPERS = new Set(['parenthesized_expression', 'await']);

/** `client = AcsClient(...)` → `client`; `self.client = AcsClient(...)` → `self.client`. */
export function pyBoundTo(node: SyntaxNode): string | undefined {
  const { child: cur, parent } = unwrapParent(node, WRAPPERS);
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === cur.id) {
    const left = parent.childForFieldName('left');
    if (left && (left.type === 'identifier' || left.type === 'attribute')) return left.text;
  }
  return undefined;
}
