import type { ApiCall, ClientSite, FileFacts } from '../../model/facts.js';
import { lookupTable } from '../../model/lookup-table.js';
import type { LineIndex } from '../../model/range.js';
import type { CommonRequestInfo } from '../tree-sitter/client-sends.js';
import type { EnclosingFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { keyParameter } from '../tree-sitter/kms-names.js';
import type { ParameterOwners } from '../tree-sitter/parameter-index.js';
import { type ArgUse, RequestTracker } from '../tree-sitter/request-tracker.js';
import { settingSource } from '../tree-sitter/setting-source.js';
import { pyBoundTo, splitArgs } from './site.js';
import { dottedName, type PyValues } from './values.js';

/** Methods that execute a request on an `AcsClient`. */
export const EXECUTE_METHODS = new Set(['do_action_with_exception', 'do_action', 'get_response']);
/** CommonRequest setters by the field they set. */
const SETTERS = lookupTable<keyof CommonRequestInfo>({
  set_action_name: 'action',
  set_domain: 'domain',
  set_version: 'version',
  set_product: 'product',
});
const PARAM_CALLS = new Set(['add_query_param', 'add_body_params']);
/** CommonRequest(domain=None, version=None, action_name=None, uri_pattern=None, product=None). */
const CTOR_POSITIONS = ['domain', 'version', 'action_name', 'uri_pattern', 'product'] as const;

export interface PyRequestTypes {
  /** Dotted callee → its qualified path, or undefined. */
  resolve(dotted: string): string | undefined;
  kmsAction(qualified: string): string | undefined;
  otherProduct(qualified: string): string | undefined;
  isCommonRequest(qualified: string): boolean;
}

/**
 * What Python code executes through each client (`client.do_action_with_exception(req)`), with `req`
 * traced to its request class or to what its CommonRequest sets; and what a tea `Config` sets as
 * endpoint and CA, for V2 clients.
 */
export class PyClientUse {
  readonly tracker: RequestTracker;
  private readonly teaClients: {
    site: ClientSite;
    config: SyntaxNode | undefined;
    fn: string | undefined;
  }[] = [];

  constructor(
    private readonly lines: LineIndex,
    functions: EnclosingFunctions,
    private readonly parameters: ParameterOwners,
    private readonly values: PyValues,
  ) {
    this.tracker = new RequestTracker(functions, lines);
  }

  /** The variable a CommonRequest is stored in, or a name of its own for one built inline. */
  private static inlineName(node: SyntaxNode): string {
    return `@${node.startIndex}`;
  }

  /** `CommonRequest(domain=..., version=..., action_name=..., product=...)`. */
  commonRequest(node: SyntaxNode, positional: SyntaxNode[], keywords: Map<string, SyntaxNode>): void {
    const name = pyBoundTo(node) ?? PyClientUse.inlineName(node);
    this.tracker.commonCreated(name, node);
    const sets = this.tracker.entry(name, node);
    const arg = (i: number) => keywords.get(CTOR_POSITIONS[i]) ?? positional[i];
    const literal = (n: SyntaxNode | undefined) => (n ? this.values.origin(n).literal : undefined);
    const domain = literal(arg(0));
    const version = literal(arg(1));
    const product = literal(arg(4));
    if (domain !== undefined) sets.info.domain = domain;
    if (version !== undefined) sets.info.version = version;
    if (product !== undefined) sets.info.product = product;
    const action = arg(2);
    if (action) {
      sets.info.action = literal(action) ?? null;
      sets.actionNode = node;
    }
  }

  /** A method call on a variable that sets a request or Config field; true when it is one. */
  setter(node: SyntaxNode, receiver: SyntaxNode | null, name: string, positional: SyntaxNode[]): boolean {
    const target = dottedName(receiver);
    if (!target) return false;
    const field = SETTERS[name];
    if (field && positional.length === 1) {
      const sets = this.tracker.entry(target, node);
      const value = this.values.origin(positional[0]).literal;
      if (field === 'action') {
        sets.info.action = value ?? null;
        sets.actionNode = node;
      } else sets.info[field] = value;
      return true;
    }
    if (PARAM_CALLS.has(name) && positional.length === 2) {
      const key = this.values.origin(positional[1]).literal;
      if (keyParameter(this.values.origin(positional[0]).literal ?? '') === 'KeyId' && key !== undefined)
        this.tracker.entry(target, node).key = key;
      return true;
    }
    return false;
  }

  /** `config.endpoint = x`, `config.ca = y`. */
  attributeAssigned(left: SyntaxNode, right: SyntaxNode): void {
    const attr = left.childForFieldName('attribute')?.text;
    const target = dottedName(left.childForFieldName('object'));
    if (target && (attr === 'endpoint' || attr === 'ca')) this.tracker.entry(target, left)[attr] = right;
  }

  teaClient(site: ClientSite, argList: SyntaxNode, node: SyntaxNode): void {
    const { positional, keywords } = splitArgs(argList);
    this.teaClients.push({
      site,
      config: keywords.get('config') ?? positional[0],
      fn: this.tracker.fnOf(node),
    });
  }

  private requestUse(
    arg: SyntaxNode,
    fn: string | undefined,
    before: number,
    types: PyRequestTypes,
    depth = 0,
  ): ArgUse {
    const node = arg.type === 'parenthesized_expression' ? (arg.namedChildren[0] ?? arg) : arg;
    if (node.type === 'call') {
      const dotted = dottedName(node.childForFieldName('function'));
      const qualified = dotted ? types.resolve(dotted) : undefined;
      if (qualified && types.isCommonRequest(qualified))
        return this.tracker.commonUse(PyClientUse.inlineName(node), fn) ?? { use: { kind: 'unknown' } };
      const action = qualified && types.kmsAction(qualified);
      if (action) return { use: { kind: 'kms', action }, creation: node.startIndex };
      const product = qualified && types.otherProduct(qualified);
      return { use: product ? { kind: 'other', product } : { kind: 'unknown' } };
    }
    const name = dottedName(node);
    return this.tracker.nameUse(name, fn, before, depth, (value, next) =>
      this.requestUse(value, fn, value.startIndex, types, next),
    );
  }

  finish(
    facts: FileFacts,
    callsByCreation: ReadonlyMap<number, ApiCall>,
    escaping: ReadonlySet<string>,
    types: PyRequestTypes,
    emitCommon: boolean,
  ): { kmsCommon: boolean } {
    const out = this.tracker.finish(
      facts,
      callsByCreation,
      escaping,
      (arg, fn, before) => this.requestUse(arg, fn, before, types),
      { emitCommon, sendsFor: (family) => family === 'legacy-core' },
    );
    for (const t of this.teaClients) this.teaSettings(t.site, t.config, t.fn);
    return out;
  }

  /** `Client(config)`: the endpoint and CA its Config gets, as keyword arguments or attributes. */
  private teaSettings(site: ClientSite, config: SyntaxNode | undefined, fn: string | undefined): void {
    const found: { endpoint?: SyntaxNode; ca?: SyntaxNode } = {};
    const visit = (node: SyntaxNode | undefined, depth: number) => {
      if (!node || depth > 3) return;
      if (node.type === 'call') {
        const { keywords } = splitArgs(node.childForFieldName('arguments'));
        found.endpoint ??= keywords.get('endpoint');
        found.ca ??= keywords.get('ca');
        return;
      }
      const name = dottedName(node);
      if (!name) return;
      const sets = this.tracker.lookup(name, fn);
      found.endpoint ??= sets?.endpoint;
      found.ca ??= sets?.ca;
      visit(this.tracker.assigned.valueAt(name, fn, site.range.startOffset), depth + 1);
    };
    visit(config, 0);
    const source = (n: SyntaxNode) =>
      settingSource(n, this.values.origin(n), this.lines, (name, at) => this.parameters.ownerAt(name, at));
    if (found.endpoint) site.endpoint = source(found.endpoint);
    if (found.ca) site.ca = source(found.ca);
  }
}
