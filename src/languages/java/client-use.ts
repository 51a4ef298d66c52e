import type { ApiCall, ClientSite, FileFacts } from '../../model/facts.js';
import { lookupTable } from '../../model/lookup-table.js';
import type { LineIndex } from '../../model/range.js';
import type { EnclosingFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { keyParameter } from '../tree-sitter/kms-names.js';
import type { ParameterOwners } from '../tree-sitter/parameter-index.js';
import { type ArgUse, RequestTracker } from '../tree-sitter/request-tracker.js';
import { settingSource } from '../tree-sitter/setting-source.js';
import { receiverName } from './site.js';
import type { JavaValues } from './values.js';

/** Methods that execute a request on a core-SDK client. */
export const EXECUTE_METHODS = new Set(['getAcsResponse', 'doAction', 'getCommonResponse']);
const ACTION_SETTERS = new Set(['setSysAction', 'setAction', 'setActionName', 'setSysActionName']);
const PRODUCT_SETTERS = new Set(['setSysProduct', 'setProduct']);
const DOMAIN_SETTERS = new Set(['setSysDomain', 'setDomain', 'setSysEndpoint', 'setEndpoint']);
const VERSION_SETTERS = new Set(['setSysVersion', 'setVersion']);
const PARAM_SETTERS = new Set(['putQueryParameter', 'putBodyParameter']);
/** Setters of a tea Config whose value a V2 client's judgement reads. */
const CONFIG_SETTERS = lookupTable<'endpoint' | 'ca'>({ setEndpoint: 'endpoint', setCa: 'ca' });

export interface RequestTypes {
  /** `new X()` → its FQN, or undefined. */
  resolveType(written: string): string | undefined;
  kmsAction(fqn: string): string | undefined;
  otherProduct(fqn: string): string | undefined;
}

const TRANSPARENT = new Set(['parenthesized_expression', 'cast_expression']);

function unwrap(node: SyntaxNode): SyntaxNode {
  let cur = node;
  for (let i = 0; i < 8 && TRANSPARENT.has(cur.type); i++) {
    const inner = cur.type === 'cast_expression' ? cur.childForFieldName('value') : cur.namedChildren[0];
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/**
 * What Java code executes through each client: `client.getAcsResponse(req)`, `doAction(req)`,
 * `getCommonResponse(req)`, with `req` traced back to its type or to what its CommonRequest sets; and
 * what a tea `Config` sets as endpoint and CA, for V2 clients.
 */
export class JavaClientUse {
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
    private readonly values: JavaValues,
  ) {
    this.tracker = new RequestTracker(functions, lines);
  }

  teaClient(site: ClientSite, config: SyntaxNode | undefined, node: SyntaxNode): void {
    this.teaClients.push({ site, config, fn: this.tracker.fnOf(node) });
  }

  /** A setter call on a variable; true when it is one this class reads. */
  setter(node: SyntaxNode, object: SyntaxNode | null, name: string, args: SyntaxNode[]): boolean {
    const target = receiverName(object);
    if (!target || !object || !(object.type === 'identifier' || object.type === 'field_access')) return false;
    const literal = () => this.values.origin(args[0]).literal;
    const sets = () => this.tracker.entry(target, node);
    if (ACTION_SETTERS.has(name) && args.length === 1) {
      const e = sets();
      e.info.action = literal() ?? null;
      e.actionNode = node;
    } else if (PRODUCT_SETTERS.has(name) && args.length === 1) sets().info.product = literal();
    else if (VERSION_SETTERS.has(name) && args.length === 1) sets().info.version = literal();
    else if (PARAM_SETTERS.has(name) && args.length === 2) {
      const key = this.values.origin(args[1]).literal;
      if (keyParameter(this.values.origin(args[0]).literal ?? '') === 'KeyId' && key !== undefined)
        sets().key = key;
    } else if ((name in CONFIG_SETTERS || DOMAIN_SETTERS.has(name)) && args.length === 1) {
      const e = sets();
      if (DOMAIN_SETTERS.has(name)) e.info.domain = literal();
      const setting = CONFIG_SETTERS[name];
      if (setting) e[setting] = args[0];
    } else return false;
    return true;
  }

  /** `config.endpoint = x` on a tea Config. */
  fieldAssigned(left: SyntaxNode, right: SyntaxNode): void {
    const field = left.childForFieldName('field')?.text;
    const target = receiverName(left.childForFieldName('object'));
    if (target && (field === 'endpoint' || field === 'ca')) this.tracker.entry(target, left)[field] = right;
  }

  /** What an executed request is, followed through the variables of its function. */
  private requestUse(
    arg: SyntaxNode,
    fn: string | undefined,
    before: number,
    types: RequestTypes,
    depth = 0,
  ): ArgUse {
    const node = unwrap(arg);
    if (node.type === 'object_creation_expression') {
      const typeNode = node.childForFieldName('type');
      const fqn = typeNode ? types.resolveType(typeNode.text) : undefined;
      const action = fqn && types.kmsAction(fqn);
      if (action) return { use: { kind: 'kms', action }, creation: node.startIndex };
      const product = fqn && types.otherProduct(fqn);
      return { use: product ? { kind: 'other', product } : { kind: 'unknown' } };
    }
    if (node.type !== 'identifier') return { use: { kind: 'unknown' } };
    return this.tracker.nameUse(node.text, fn, before, depth, (value, next) =>
      this.requestUse(value, fn, value.startIndex, types, next),
    );
  }

  finish(
    facts: FileFacts,
    callsByCreation: ReadonlyMap<number, ApiCall>,
    escaping: ReadonlySet<string>,
    types: RequestTypes,
    emitCommon: boolean,
    aliases: ReadonlyMap<string, string>,
  ): { kmsCommon: boolean } {
    const out = this.tracker.finish(
      facts,
      callsByCreation,
      escaping,
      (arg, fn, before) => this.requestUse(arg, fn, before, types),
      { emitCommon, sendsFor: (family) => family === 'legacy-core', aliases },
    );
    for (const t of this.teaClients) this.teaSettings(t.site, t.config, t.fn);
    return out;
  }

  /** `new Client(config)`: the endpoint and CA its Config gets, inline (a setter chain) or on a variable. */
  private teaSettings(site: ClientSite, config: SyntaxNode | undefined, fn: string | undefined): void {
    if (!config) return;
    const found: { endpoint?: SyntaxNode; ca?: SyntaxNode } = {};
    const visit = (node: SyntaxNode, depth: number) => {
      let cur: SyntaxNode | null = unwrap(node);
      // new Config().setEndpoint(x).setCa(y): the setters sit on the chain above the creation
      for (let i = 0; cur && cur.type === 'method_invocation' && i < 32; i++) {
        const setting = CONFIG_SETTERS[cur.childForFieldName('name')?.text ?? ''];
        const arg = cur.childForFieldName('arguments')?.namedChildren[0];
        if (setting && arg && !found[setting]) found[setting] = arg;
        cur = cur.childForFieldName('object');
      }
      if (cur?.type !== 'identifier' || depth > 3) return;
      const sets = this.tracker.lookup(cur.text, fn);
      found.endpoint ??= sets?.endpoint;
      found.ca ??= sets?.ca;
      const value = this.tracker.assigned.valueAt(cur.text, fn, site.range.startOffset);
      if (value) visit(value, depth + 1);
    };
    visit(config, 0);
    const source = (n: SyntaxNode) =>
      settingSource(n, this.values.origin(n), this.lines, (name, at) => this.parameters.ownerAt(name, at));
    if (found.endpoint) site.endpoint = source(found.endpoint);
    if (found.ca) site.ca = source(found.ca);
  }
}
