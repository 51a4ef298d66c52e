import { lookupTable } from '../../model/lookup-table.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { placeholderName } from '../tree-sitter/kms-names.js';
import { FirstAssignments, type ValueOrigin } from '../tree-sitter/value-origin.js';
import { comparePassKeys, type PassKey } from './pass-order.js';

const ESCAPES = lookupTable<string>({
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
});

/** Value of a Go string literal (interpreted or raw); undefined for anything else. */
export function goString(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  return node.text
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, e: string) => {
      if (/^[xuU]/.test(e)) return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
      if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
      return ESCAPES[e] ?? e;
    });
}

/** `pkg.Name` of a call's function: { operand: 'pkg', field: 'Name' }. */
export function selectorParts(
  node: SyntaxNode | null | undefined,
): { operand: SyntaxNode; field: string } | undefined {
  if (node?.type !== 'selector_expression') return undefined;
  const operand = node.childForFieldName('operand');
  const field = node.childForFieldName('field')?.text;
  return operand && field ? { operand, field } : undefined;
}

const CONFIG_GETTERS = /^(GetString|Get|MustString|String)$/;

/** Names declared or assigned in the file (first wins, scope-blind) and where their value comes from. */
export class GoValues extends FirstAssignments {
  /** A string literal assigned to a name after its first assignment, by name. */
  private readonly reassigned = new Map<string, SyntaxNode>();
  /**
   * When set, a name's values are read from here on first use (in pass order, see pass-order.ts)
   * instead of being assigned one by one, and only those up to `horizon` are seen.
   */
  lazy?: (name: string) => readonly { key: PassKey; value: SyntaxNode }[];
  /** The point of the passes the extractor has reached: values met later are not seen yet. */
  horizon?: PassKey;

  override assign(name: string, value: SyntaxNode): void {
    if (this.init.has(name) && goString(value) !== undefined && !this.reassigned.has(name))
      this.reassigned.set(name, value);
    super.assign(name, value);
  }

  /** The first value of `name`, and the first string literal given to it after that one. */
  private valuesOf(name: string): { first?: SyntaxNode; later: () => SyntaxNode | undefined } {
    if (!this.lazy) return { first: this.init.get(name), later: () => this.reassigned.get(name) };
    const horizon = this.horizon;
    const all = this.lazy(name);
    const seen = horizon ? all.filter((v) => comparePassKeys(v.key, horizon) <= 0) : all;
    return {
      first: seen[0]?.value,
      later: () => seen.slice(1).find((v) => goString(v.value) !== undefined)?.value,
    };
  }

  origin(node: SyntaxNode | null | undefined, depth = 0): ValueOrigin {
    if (!node || depth > 4) return {};
    const literal = goString(node);
    if (literal !== undefined) {
      const configName = placeholderName(literal);
      return configName ? { configName } : { literal, literalNode: node };
    }
    if (node.type === 'parenthesized_expression') return this.origin(node.namedChildren[0], depth + 1);
    if (node.type === 'call_expression') {
      const sel = selectorParts(node.childForFieldName('function'));
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      if (!sel) return {};
      const pkg = sel.operand.text;
      // tea.String("...") and friends only wrap the value
      if ((pkg === 'tea' || pkg === 'dara') && /^(String|ToString)$/.test(sel.field))
        return this.origin(args[0], depth + 1);
      const key = goString(args[0]);
      if (key === undefined) return {};
      if (pkg === 'os' && (sel.field === 'Getenv' || sel.field === 'LookupEnv')) return { envName: key };
      if (CONFIG_GETTERS.test(sel.field)) return { configName: key };
      return {};
    }
    if (node.type === 'identifier') {
      const values = this.valuesOf(node.text);
      const first = this.origin(values.first, depth + 1);
      // k, ok := os.LookupEnv("K"); if !ok { k = "key-…" }  (or the same after os.Getenv and k == "")
      if (first.envName && first.fallback === undefined) {
        const later = values.later();
        const fallback = later && goString(later);
        if (fallback !== undefined && placeholderName(fallback) === undefined) return { ...first, fallback };
      }
      return first;
    }
    return {};
  }
}
