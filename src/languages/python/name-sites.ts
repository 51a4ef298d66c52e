import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { identifierAt, sameNode } from '../tree-sitter/text-occurrences.js';
import { GAP, identifierEndingAt, identifierOccurrences, namesEndingRun, RUN } from './identifier-text.js';
import { dottedName } from './values.js';

/** Expressions that can carry a key id, a credential or a client (`n = 0` and arithmetic cannot). */
export const VALUE_CARRIERS = new Set([
  'string',
  'call',
  'subscript',
  'identifier',
  'attribute',
  'await',
  'parenthesized_expression',
  // os.getenv("K") or "key-…"
  'boolean_operator',
]);

/** An assignment `left = right` whose right side can carry a value. */
export interface CarriedAssignment {
  left: SyntaxNode;
  right: SyntaxNode;
}

/** Where a Python file assigns, calls and hands on names, and its imports: each in tree order. */
export interface PySites {
  imports(): SyntaxNode[];
  /** The values assigned to `name` (`key_id`, `self.client`). */
  valuesOf(name: string): SyntaxNode[];
  /** Assignments to an attribute (`config.endpoint = …`) or a name (`ACCESS_KEY_ID = …`) the predicates accept. */
  notableAssignments(
    attribute: (name: string) => boolean,
    name: (name: string) => boolean,
  ): CarriedAssignment[];
  /**
   * A superset of the calls whose callee's last name passes `wanted` or whose callee starts with one of
   * `heads` (names the imports bind). With star imports every bare call may count: those files are walked.
   */
  calls(wanted: (name: string) => boolean, heads: Iterable<string>): SyntaxNode[];
  /** Whether a name (the last part of a variable) is passed to a call, assigned on, or returned. */
  handedOn(name: string): boolean;
}

/** Pre-order, as a walk of the tree meets them: by start, an enclosing node before what it holds. */
export function inTreeOrder<T>(items: Iterable<T>, node: (item: T) => SyntaxNode): T[] {
  const keyed = [...items].map((item) => {
    const n = node(item);
    return { item, start: n.startIndex, end: n.endIndex };
  });
  keyed.sort((a, b) => a.start - b.start || b.end - a.end);
  return keyed.map((k) => k.item);
}

/** The right side of the assignment `left` is the left side of, when it can carry a value. */
export function carriedBy(left: SyntaxNode): SyntaxNode | undefined {
  const parent = left.parent;
  if (parent?.type !== 'assignment' || !sameNode(parent.childForFieldName('left'), left)) return undefined;
  const right = parent.childForFieldName('right');
  return right && VALUE_CARRIERS.has(right.type) ? right : undefined;
}

/** The one node a name is written as: `client` itself, or `self.client` when it is the attribute's name. */
function writtenAs(id: SyntaxNode): SyntaxNode {
  const parent = id.parent;
  return parent?.type === 'attribute' && sameNode(parent.childForFieldName('attribute'), id) ? parent : id;
}

/** Whether `node` (a name or a dotted name) is an argument of a call, assigned, or returned as it is. */
export function isHandedOn(node: SyntaxNode): boolean {
  const holder = node.parent;
  if (!holder || dottedName(node) === undefined) return false;
  switch (holder.type) {
    case 'argument_list':
      return holder.parent?.type === 'call';
    case 'keyword_argument':
      return (
        sameNode(holder.childForFieldName('value'), node) &&
        holder.parent?.type === 'argument_list' &&
        holder.parent.parent?.type === 'call'
      );
    case 'generator_expression': {
      const call = holder.parent;
      return call?.type === 'call' && sameNode(call.childForFieldName('arguments'), holder);
    }
    case 'assignment':
      return sameNode(holder.childForFieldName('right'), node);
    case 'return_statement':
      return sameNode(holder.namedChildren[0], node);
    default:
      return false;
  }
}

const CALLED = new RegExp(`${RUN}(?=${GAP}\\()`, 'gu');
const ATTRIBUTE_NAME = new RegExp(`\\.${GAP}(${RUN})`, 'gdu');
const HEAD_FOLLOWER = new RegExp(`${GAP}[.(]`, 'uy');
/** Names `credentialNameRole` accepts end like these once `_` is dropped and case ignored. */
const CREDENTIAL_NAME_ENDS = new RegExp(
  `(?:${['accesskeyid', 'accesskeysecret', 'securitytoken'].map((w) => [...w].join('_*')).join('|')})_*(?![_\\p{XID_Continue}])`,
  'giu',
);

/**
 * The places in a Python file where a name is assigned, called or handed on, found from the text and
 * confirmed on the tree. A large file's statements (`total = 0`, `range(a, b)`) matter to no fact;
 * finding the few that may by their text, then asking the tree about those offsets, costs a handful
 * of native calls instead of several per node, which keeps re-extraction on every keystroke cheap.
 */
export class PythonNameSites implements PySites {
  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
  ) {}

  imports(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const at of identifierOccurrences(this.text, 'import')) {
      const parent = identifierAt(this.root, at, 'import'.length, 'import')?.parent;
      if (parent?.type === 'import_statement' || parent?.type === 'import_from_statement') out.push(parent);
    }
    return inTreeOrder(out, (n) => n);
  }

  valuesOf(name: string): SyntaxNode[] {
    const last = name.slice(name.lastIndexOf('.') + 1);
    const dotted = last.length !== name.length;
    const found: SyntaxNode[] = [];
    for (const at of identifierOccurrences(this.text, last)) {
      const id = identifierAt(this.root, at, last.length);
      if (!id) continue;
      const left = dotted ? writtenAs(id) : id;
      if (dotted && (left.type !== 'attribute' || dottedName(left) !== name)) continue;
      const right = carriedBy(left);
      if (right) found.push(right);
    }
    return inTreeOrder(found, (right) => right);
  }

  notableAssignments(
    attribute: (name: string) => boolean,
    name: (name: string) => boolean,
  ): CarriedAssignment[] {
    const out: CarriedAssignment[] = [];
    for (const m of this.text.matchAll(ATTRIBUTE_NAME)) {
      const [start, end] = m.indices?.[1] ?? [m.index, m.index];
      if (!attribute(m[1])) continue;
      const id = identifierAt(this.root, start, end - start);
      const left = id && writtenAs(id);
      if (!left || left === id) continue;
      const right = carriedBy(left);
      if (right) out.push({ left, right });
    }
    for (const m of this.text.matchAll(CREDENTIAL_NAME_ENDS)) {
      const left = identifierEndingAt(this.root, m.index + m[0].length);
      if (!left || !name(left.text) || writtenAs(left) !== left) continue;
      const right = carriedBy(left);
      if (right) out.push({ left, right });
    }
    return inTreeOrder(out, (a) => a.right);
  }

  calls(wanted: (name: string) => boolean, heads: Iterable<string>): SyntaxNode[] {
    const found = new Map<string, SyntaxNode>();
    const add = (call: SyntaxNode) => found.set(`${call.startIndex}:${call.endIndex}`, call);
    for (const m of this.text.matchAll(CALLED)) {
      const end = m.index + m[0].length;
      if (!namesEndingRun(this.text, m.index, end).some(wanted)) continue;
      const id = identifierEndingAt(this.root, end);
      if (!id) continue;
      const callee = writtenAs(id);
      const call = callee.parent;
      if (call?.type === 'call' && sameNode(call.childForFieldName('function'), callee)) add(call);
    }
    for (const head of heads) {
      for (const at of identifierOccurrences(this.text, head)) {
        HEAD_FOLLOWER.lastIndex = at + head.length;
        if (!HEAD_FOLLOWER.test(this.text)) continue;
        const id = identifierAt(this.root, at, head.length);
        // every call whose callee starts with this name starts where the name does
        for (let cur = id?.parent; cur && cur.startIndex === at; cur = cur.parent)
          if (cur.type === 'call') add(cur);
      }
    }
    return inTreeOrder(found.values(), (n) => n);
  }

  handedOn(name: string): boolean {
    for (const at of identifierOccurrences(this.text, name)) {
      const id = identifierAt(this.root, at, name.length);
      if (id && isHandedOn(writtenAs(id))) return true;
    }
    return false;
  }
}
