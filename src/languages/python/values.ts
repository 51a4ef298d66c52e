import { lookupTable } from '../../model/lookup-table.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { FirstAssignments, type ValueOrigin } from '../tree-sitter/value-origin.js';

const ESCAPES = lookupTable<string>({
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
});

/** Value of a plain (non-f, non-bytes) Python string literal; undefined for anything else. */
export function pyString(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  let out = '';
  let raw = false;
  for (const part of node.children) {
    if (part.type === 'string_start') {
      const prefix = part.text.replace(/['"]+$/, '').toLowerCase();
      if (prefix.includes('f') || prefix.includes('b')) return undefined;
      raw = prefix.includes('r');
    } else if (part.type === 'string_content') out += part.text;
    else if (part.type === 'escape_sequence')
      out += raw ? part.text : (ESCAPES[part.text.slice(1)] ?? part.text.slice(1));
    else if (part.type === 'interpolation') return undefined;
  }
  return out;
}

/** Dotted name of `a.b.c` / `a`; undefined when the expression is not a plain name chain. */
export function dottedName(node: SyntaxNode | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 64) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const left = dottedName(node.childForFieldName('object'), depth + 1);
  const right = node.childForFieldName('attribute')?.text;
  return left && right ? `${left}.${right}` : undefined;
}

function keywordValue(args: SyntaxNode[], name: string): SyntaxNode | undefined {
  const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  return kw?.childForFieldName('value') ?? undefined;
}

/** Names assigned in the file, scope-blind (first assignment wins), and where their value comes from. */
export class PyValues extends FirstAssignments {
  /**
   * While the extractor reads assignments in file order, a name's value is only what was assigned up
   * to the one being read (a value at a later offset is not known yet).
   */
  knownUpTo = Number.POSITIVE_INFINITY;

  private known(name: string): SyntaxNode | undefined {
    const value = this.initializer(name);
    return value && (this.knownUpTo === Number.POSITIVE_INFINITY || value.startIndex <= this.knownUpTo)
      ? value
      : undefined;
  }

  origin(node: SyntaxNode | null | undefined, depth = 0): ValueOrigin {
    if (!node || depth > 4) return {};
    if (node.type === 'string') {
      const literal = pyString(node);
      return literal === undefined ? {} : { literal, literalNode: node };
    }
    if (node.type === 'parenthesized_expression') return this.origin(node.namedChildren[0], depth + 1);
    if (node.type === 'keyword_argument') return this.origin(node.childForFieldName('value'), depth + 1);
    if (node.type === 'subscript') {
      // os.environ["KMS_KEY_ID"]
      const base = dottedName(node.childForFieldName('value'));
      const key = pyString(node.childForFieldName('subscript'));
      return base && /(^|\.)environ$/.test(base) && key !== undefined ? { envName: key } : {};
    }
    if (node.type === 'call') {
      const fn = dottedName(node.childForFieldName('function')) ?? '';
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const key = args[0] ? pyString(args[0]) : undefined;
      if (key === undefined || !(/(^|\.)environ\.get$/.test(fn) || /(^|\.)getenv$/.test(fn))) return {};
      // os.getenv("K", "key-…") / os.environ.get("K", default="key-…")
      const fallbackArg =
        keywordValue(args, 'default') ?? (args[1]?.type === 'keyword_argument' ? undefined : args[1]);
      const fallback = this.origin(fallbackArg, depth + 1).literal;
      return fallback === undefined ? { envName: key } : { envName: key, fallback };
    }
    if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or') {
      // os.getenv("K") or "key-…"
      const left = this.origin(node.childForFieldName('left'), depth + 1);
      const right = this.origin(node.childForFieldName('right'), depth + 1).literal;
      if (left.envName || left.configName)
        return right === undefined || left.fallback !== undefined ? left : { ...left, fallback: right };
      return {};
    }
    const name = dottedName(node);
    return name ? this.origin(this.known(name), depth + 1) : {};
  }
}
