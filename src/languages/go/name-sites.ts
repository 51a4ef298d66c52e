import { credentialNameRole } from '../../model/credential-looks.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { KEY_PARAMETERS } from '../tree-sitter/kms-names.js';
import {
  type IdentifierBounds,
  identifierAt,
  sameNode,
  wordOccurrences,
} from '../tree-sitter/text-occurrences.js';
import { CREDENTIAL_FIELDS } from './known-packages.js';
import { inPassOrder } from './pass-order.js';
import {
  type AssignedPair,
  assignedPairs,
  DECLARATIONS_PASS,
  declaredValues,
  type NamedType,
  type NamedValue,
  specTypes,
  typedNames,
} from './statement-values.js';
import { goString } from './values.js';

/** Where a Go file gives names values and types, hands clients on and sets the fields the extractor reads. */
export interface GoSites {
  /** Values given to `name` by declarations, then by assignments, in pass order. */
  valuesOf(name: string): NamedValue[];
  /** Declarations giving a value to a name that reads as a credential (`accessKeyId := "…"`), in pass order. */
  credentialDeclarations(): NamedValue[];
  /** Types written for `name` by var/const specs, then by parameters and struct fields, in pass order. */
  typesOf(name: string): NamedType[];
  /** Whether a parameter named `name` sits in a function named `fn`. */
  isParameterOf(name: string, fn: string): boolean;
  /** Assignments to the selectors and index keys the extractor reads (`req.KeyId = …`, `q["KeyId"] = …`), in pass order. */
  fieldAssignments(): AssignedPair[];
  /** Whether `name` (a variable or field) is passed to a call, returned, stored or copied. */
  handedOn(name: string): boolean;
}

/**
 * Selector fields whose assignment the extractor or client-use.ts reads (request fields, config
 * fields, key and credential fields); assignments to any other selector give no fact.
 */
export const READ_FIELDS = new Set<string>([
  'ApiName',
  'Domain',
  'Version',
  'Product',
  'Endpoint',
  'Ca',
  ...KEY_PARAMETERS,
  ...Object.keys(CREDENTIAL_FIELDS),
]);
/** Index keys whose assignment is read: `r.QueryParams["KeyId"] = …`. */
export const READ_KEYS = new Set<string>(KEY_PARAMETERS);

const WORD_CHAR = /[_\p{XID_Continue}]/u;
const WORD_START = /[_\p{XID_Start}]/u;
const STRING_KINDS = new Set(['interpreted_string_literal', 'raw_string_literal']);
/** Names ending like a credential (`accessKeyId`, `ACCESS_KEY_SECRET`, `SecurityToken`), underscores anywhere. */
const CREDENTIAL_SUFFIX = new RegExp(
  ['accesskeyid', 'accesskeysecret', 'securitytoken'].map((w) => [...w].join('_*')).join('|'),
  'giu',
);

/**
 * Offsets where `word` may be a whole Go identifier token. Only occurrences the lexer cannot have made
 * a token of are skipped: a word character right after (the token would go on), or right before
 * within a run that starts like an identifier (a run starting with a digit may be a number, `0x1Fc`).
 */
export function goWordOccurrences(text: string, word: string): number[] {
  return wordOccurrences(text, word, GO_IDENTIFIERS);
}

const GO_IDENTIFIERS: IdentifierBounds = {
  startsAt: (text, at) => at === 0 || !startsIdentifierBefore(text, at),
  endsAt: (text, end) => {
    const after = text.codePointAt(end);
    return after === undefined || !WORD_CHAR.test(String.fromCodePoint(after));
  },
};

function startsIdentifierBefore(text: string, at: number): boolean {
  let i = at;
  let first: string | undefined;
  while (i > 0) {
    const c = charBefore(text, i);
    if (!WORD_CHAR.test(c)) break;
    first = c;
    i -= c.length;
  }
  return first !== undefined && WORD_START.test(first);
}

function charBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

const IDENTIFIER = new Set(['identifier']);
const FIELD = new Set(['field_identifier']);
const NAMES = new Set(['identifier', 'field_identifier']);
const SPECS = new Set(['var_spec', 'const_spec']);
const TYPED = new Set(['parameter_declaration', 'field_declaration']);

/**
 * GoSites from the text, confirmed on the tree. Most statements of a large file (`s := 0`, `s += k`)
 * give no fact; finding the few that may by their names, then asking the tree about those offsets,
 * costs a handful of native calls instead of several per statement, which keeps re-extraction on every
 * keystroke cheap. Each site is read by the same functions (statement-values.ts) as walked-name-sites.ts.
 */
export class GoNameSites implements GoSites {
  private readonly values = new Map<string, NamedValue[]>();

  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
    private readonly enclosing: (node: SyntaxNode) => string | undefined,
  ) {}

  private occurrences(name: string, kinds: ReadonlySet<string>): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const at of goWordOccurrences(this.text, name)) {
      const token = identifierAt(this.root, at, name.length, kinds);
      if (token) out.push(token);
    }
    return out;
  }

  valuesOf(name: string): NamedValue[] {
    const known = this.values.get(name);
    if (known) return known;
    const out: NamedValue[] = [];
    for (const id of this.occurrences(name, IDENTIFIER)) {
      const parent = id.parent;
      if (!parent) continue;
      const statement = parent.type === 'expression_list' ? parent.parent : parent;
      if (!statement) continue;
      if (statement.type === 'short_var_declaration' || SPECS.has(statement.type)) {
        out.push(...declaredValues(statement).filter((v) => sameNode(v.nameNode, id)));
      } else if (statement.type === 'assignment_statement') {
        for (const p of assignedPairs(statement))
          if (sameNode(p.left, id)) out.push({ key: p.key, name, nameNode: id, value: p.right });
      }
    }
    const sorted = inPassOrder(out);
    this.values.set(name, sorted);
    return sorted;
  }

  credentialDeclarations(): NamedValue[] {
    const names = new Set<string>();
    for (const m of this.text.matchAll(CREDENTIAL_SUFFIX)) {
      const name = this.wordAround(m.index, m.index + m[0].length);
      if (credentialNameRole(name)) names.add(name);
    }
    const out: NamedValue[] = [];
    for (const name of names) out.push(...this.valuesOf(name).filter((v) => v.key[0] === DECLARATIONS_PASS));
    return inPassOrder(out);
  }

  /** The whole run of word characters around `[start, end)`. */
  private wordAround(start: number, end: number): string {
    let s = start;
    while (s > 0 && WORD_CHAR.test(charBefore(this.text, s))) s -= charBefore(this.text, s).length;
    let e = end;
    for (let c = this.text.codePointAt(e); c !== undefined; c = this.text.codePointAt(e)) {
      const ch = String.fromCodePoint(c);
      if (!WORD_CHAR.test(ch)) break;
      e += ch.length;
    }
    return this.text.slice(s, e);
  }

  typesOf(name: string): NamedType[] {
    const out: NamedType[] = [];
    for (const id of this.occurrences(name, NAMES)) {
      const parent = id.parent;
      if (!parent) continue;
      const types = SPECS.has(parent.type)
        ? specTypes(parent)
        : TYPED.has(parent.type)
          ? typedNames(parent)
          : [];
      out.push(...types.filter((t) => sameNode(t.nameNode, id)));
    }
    return inPassOrder(out);
  }

  isParameterOf(name: string, fn: string): boolean {
    for (const id of this.occurrences(name, IDENTIFIER)) {
      const parent = id.parent;
      if (parent?.type !== 'parameter_declaration') continue;
      if (!parent.childrenForFieldName('name').some((n) => sameNode(n, id))) continue;
      if (this.enclosing(id) === fn) return true;
    }
    return false;
  }

  fieldAssignments(): AssignedPair[] {
    const found = new Map<string, AssignedPair>();
    const note = (left: SyntaxNode) => {
      const list = left.parent;
      const statement = list?.type === 'expression_list' ? list.parent : undefined;
      if (statement?.type !== 'assignment_statement') return;
      for (const p of assignedPairs(statement)) if (sameNode(p.left, left)) found.set(p.key.join(), p);
    };
    for (const field of READ_FIELDS)
      for (const id of this.occurrences(field, FIELD)) {
        const selector = id.parent;
        if (selector?.type === 'selector_expression' && sameNode(selector.childForFieldName('field'), id))
          note(selector);
      }
    for (const key of READ_KEYS)
      for (const at of goWordOccurrences(this.text, key)) {
        let literal: SyntaxNode | null = this.root.descendantForIndex(at, at + key.length);
        for (let i = 0; literal && i < 2 && !STRING_KINDS.has(literal.type); i++) literal = literal.parent;
        const index = literal && STRING_KINDS.has(literal.type) ? literal.parent : undefined;
        if (index?.type !== 'index_expression' || !sameNode(index.childForFieldName('index'), literal))
          continue;
        if (READ_KEYS.has(goString(literal) ?? '')) note(index);
      }
    return inPassOrder([...found.values()]);
  }

  handedOn(name: string): boolean {
    for (const id of this.occurrences(name, NAMES)) {
      if (id.type === 'identifier') {
        if (handedOnAt(id)) return true;
        continue;
      }
      const selector = id.parent;
      if (selector?.type === 'selector_expression' && sameNode(selector.childForFieldName('field'), id))
        if (handedOnAt(selector)) return true;
    }
    return false;
  }
}

/**
 * Whether `node` (a name or selector) is an argument of a call, in a return, the right side of an
 * assignment or declaration, or the value of a keyed element of a composite literal: exactly the
 * places the old walk looked at (walked-name-sites.ts).
 */
function handedOnAt(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const holder = parent.parent;
  if (holder) {
    if (holder.type === 'call_expression' && sameNode(holder.childForFieldName('arguments'), parent))
      return true;
    if (holder.type === 'return_statement' && parent.isNamed) return true;
    if (holder.type === 'assignment_statement' && sameNode(holder.childForFieldName('right'), parent))
      return true;
    if (holder.type === 'short_var_declaration' || SPECS.has(holder.type))
      if (sameNode(holder.childForFieldName('right') ?? holder.childForFieldName('value'), parent))
        return true;
  }
  // `T{K: v}`: the keyed element's second named child, or that child's first named child
  let element: SyntaxNode | undefined;
  if (parent.type === 'keyed_element') {
    if (sameNode(parent.namedChildren[1], node) && node.namedChildren.length === 0) element = parent;
  } else if (holder?.type === 'keyed_element') {
    if (sameNode(holder.namedChildren[1], parent) && sameNode(parent.namedChildren[0], node))
      element = holder;
  }
  const body = element?.parent;
  const composite = body?.parent;
  return composite?.type === 'composite_literal' && sameNode(composite.childForFieldName('body'), body);
}
