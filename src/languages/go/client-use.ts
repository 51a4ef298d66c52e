import type { ApiCall, ClientSite, FileFacts } from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { lookupTable } from '../../model/lookup-table.js';
import type { LineIndex } from '../../model/range.js';
import type { CommonRequestInfo } from '../tree-sitter/client-sends.js';
import type { EnclosingFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { KMS_API_VERSION } from '../tree-sitter/kms-names.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import type { ParameterOwners } from '../tree-sitter/parameter-index.js';
import { type ArgUse, RequestTracker } from '../tree-sitter/request-tracker.js';
import { settingSource } from '../tree-sitter/setting-source.js';
import { type GoValues, goString, selectorParts } from './values.js';

/** Methods of the core `sdk.Client` that execute a request built by the caller. */
export const EXECUTE_METHODS = new Set([
  'ProcessCommonRequest',
  'ProcessCommonRequestWithSigner',
  'DoAction',
  'DoActionWithSigner',
]);
/** `client.RpcPost("Kms", "2016-01-20", action, query, body, autoRetry)`: a generic RPC helper, and its siblings. */
const GENERIC_RPC = /^Rpc(Post|Get)\w*$/;
const REQUEST_FIELDS = lookupTable<keyof CommonRequestInfo>({
  ApiName: 'action',
  Domain: 'domain',
  Version: 'version',
  Product: 'product',
});
const CONFIG_FIELDS = lookupTable<'endpoint' | 'ca'>({ Endpoint: 'endpoint', Ca: 'ca' });
const CONFIG_SETTERS = lookupTable<'endpoint' | 'ca'>({ SetEndpoint: 'endpoint', SetCa: 'ca' });

export interface GoRequestTypes {
  /** `pkg.Name` → [import path, Name]. */
  qualified(fn: SyntaxNode | null): [string, string] | undefined;
  kmsAction(path: string, name: string): string | undefined;
  otherProduct(path: string): string | undefined;
}

/** `&x` → `x`; `tea.String(x)`, `StringPointer(x)` and friends → `x`. */
export function unwrapGo(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let cur = node ?? undefined;
  for (let i = 0; cur && i < 4; i++) {
    if (cur.type === 'unary_expression' || cur.type === 'parenthesized_expression') {
      cur = cur.childForFieldName('operand') ?? cur.namedChildren[0];
      continue;
    }
    if (cur.type === 'call_expression') {
      const fn = cur.childForFieldName('function');
      const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
      const args = cur.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.length === 1 && /^(String|StringPointer|ToString|StringValue)$/.test(name ?? '')) {
        cur = args[0];
        continue;
      }
    }
    break;
  }
  return cur;
}

function varName(node: SyntaxNode | null | undefined): string | undefined {
  return node?.type === 'identifier'
    ? node.text
    : node?.type === 'selector_expression'
      ? node.text
      : undefined;
}

/**
 * What Go code executes through each client: `client.ProcessCommonRequest(r)` / `DoAction(req, resp)`
 * with `r` traced to what its CommonRequest sets (or `req` to its `Create...Request`), and the typed
 * methods of KMS clients; generic RPC helpers (`RpcPost("Kms", "2016-01-20", action, ...)`, tea-rpc
 * `DoRequest(action, ..., "2016-01-20", ...)`); and what a tea `openapi.Config` sets as endpoint and CA.
 */
export class GoClientUse {
  readonly tracker: RequestTracker;
  private readonly teaClients: {
    site: ClientSite;
    config: SyntaxNode | undefined;
    fn: string | undefined;
  }[] = [];
  /** `CallApi`s whose Params say KMS's version, or no version the file shows: judged at the end. */
  private readonly callApis: {
    node: SyntaxNode;
    action: SyntaxNode | undefined;
    kmsVersion: boolean;
    params: SyntaxNode[];
  }[] = [];

  constructor(
    private readonly lines: LineIndex,
    functions: EnclosingFunctions,
    private readonly parameters: ParameterOwners,
    private readonly values: GoValues,
  ) {
    this.tracker = new RequestTracker(functions, lines);
  }

  /** `r.ApiName = "Encrypt"`, `cfg.Endpoint = tea.String(x)`, `r.QueryParams["KeyId"] = "k"`, `q["KeyId"] = "k"`. */
  assigned(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode): void {
    if (left.type === 'index_expression') {
      if (goString(left.childForFieldName('index')) !== 'KeyId') return;
      let operand = left.childForFieldName('operand');
      const sel = selectorParts(operand);
      if (sel && /Params$/.test(sel.field)) operand = sel.operand;
      const target = varName(operand);
      const key = this.values.origin(right).literal;
      if (target && key !== undefined) this.tracker.entry(target, node).key = key;
      return;
    }
    const sel = selectorParts(left);
    const target = varName(sel?.operand);
    if (!sel || !target) return;
    const field = REQUEST_FIELDS[sel.field];
    if (field) {
      const sets = this.tracker.entry(target, node);
      const value = this.values.origin(right).literal;
      if (field === 'action') {
        sets.info.action = value ?? null;
        sets.actionNode = node;
      } else sets.info[field] = value;
    }
    const setting = CONFIG_FIELDS[sel.field];
    if (setting) this.tracker.entry(target, node)[setting] = right;
  }

  /** `cfg.SetEndpoint(x)`; true when it was one. */
  configSetter(node: SyntaxNode, operand: SyntaxNode, field: string, args: SyntaxNode[]): boolean {
    const setting = CONFIG_SETTERS[field];
    const target = varName(operand);
    if (!setting || !target || args.length !== 1) return false;
    this.tracker.entry(target, node)[setting] = args[0];
    return true;
  }

  teaClient(site: ClientSite, config: SyntaxNode | undefined, node: SyntaxNode): void {
    this.teaClients.push({ site, config, fn: this.tracker.fnOf(node) });
  }

  /**
   * A generic RPC to KMS: `RpcPost("Kms", "2016-01-20", action, query, body, ...)` or tea-rpc
   * `DoRequest(action, protocol, method, "2016-01-20", authType, query, body, runtime)`: its call goes to
   * `calls`, or an unresolved call to `facts` when the action is not a literal. False when it is not one.
   */
  genericRpc(
    node: SyntaxNode,
    field: string,
    args: SyntaxNode[],
    facts: FileFacts,
    calls: ApiCall[],
  ): boolean {
    let actionArg: SyntaxNode;
    let params: SyntaxNode[];
    const literal = (n: SyntaxNode | undefined) => (n ? this.values.origin(unwrapGo(n)).literal : undefined);
    if (GENERIC_RPC.test(field) && args.length >= 3) {
      if (literal(args[0])?.toLowerCase() !== 'kms' || literal(args[1]) !== KMS_API_VERSION) return false;
      actionArg = args[2];
      params = args.slice(3, 5);
    } else if (field === 'DoRequest' && args.length >= 7) {
      if (literal(args[3]) !== KMS_API_VERSION) return false;
      actionArg = args[0];
      params = args.slice(5, 7);
    } else return false;
    this.genericCall(node, actionArg, params, facts, calls);
    return true;
  }

  /**
   * `client.CallApi(&openapi.Params{Action: tea.String("ReEncrypt"), Version: tea.String("2016-01-20")},
   * &openapi.OpenApiRequest{Query: openapiutil.Query(q)}, runtime)` on a tea OpenAPI client: a generic
   * RPC like `RpcPost`. Params with another product's version are that product's call; Params with no
   * literal version wait for the end of the file (`callApiCalls`). False when it is not a `CallApi`.
   */
  callApi(node: SyntaxNode, field: string, args: SyntaxNode[]): boolean {
    if (field !== 'CallApi' || args.length < 2) return false;
    const fn = this.tracker.fnOf(node);
    // Params the file does not show (built by a helper) are judged by the host, their action unknown
    const params = this.structFields(args[0], fn) ?? new Map<string, SyntaxNode>();
    const version = params.has('Version')
      ? this.values.origin(unwrapGo(params.get('Version'))).literal
      : undefined;
    if (version !== undefined && version !== KMS_API_VERSION) return true;
    const request = this.structFields(args[1], fn);
    const bodies = ['Query', 'Body'].flatMap((k) => {
      const v = unwrapGo(request?.get(k));
      // openapiutil.Query(q): the map is the argument
      const inner =
        v?.type === 'call_expression' ? v.childForFieldName('arguments')?.namedChildren : undefined;
      return inner?.length === 1 ? [inner[0]] : v ? [v] : [];
    });
    this.callApis.push({
      node,
      action: params.get('Action'),
      kmsVersion: version !== undefined,
      params: bodies,
    });
    return true;
  }

  /**
   * The `CallApi`s of the file that go to KMS: those whose Params name KMS's version, and, when the file
   * names the gateway's host (the client's `Endpoint`), those whose Params name no version.
   */
  callApiCalls(facts: FileFacts, namesKmsHost: boolean): ApiCall[] {
    const calls: ApiCall[] = [];
    for (const c of this.callApis)
      if (c.kmsVersion || namesKmsHost) this.genericCall(c.node, c.action, c.params, facts, calls);
    return calls;
  }

  /** A generic RPC's call, with the KeyId its parameter maps set, or an unresolved call when its action is not a literal. */
  private genericCall(
    node: SyntaxNode,
    actionArg: SyntaxNode | undefined,
    params: SyntaxNode[],
    facts: FileFacts,
    calls: ApiCall[],
  ): void {
    const range = nodeRange(node, this.lines);
    const name = actionArg ? this.values.origin(unwrapGo(actionArg)).literal : undefined;
    const action = name === undefined ? undefined : canonicalAction(name);
    if (!action) {
      facts.unresolvedCalls ??= [];
      facts.unresolvedCalls.push({
        form: 'generic-rpc',
        range,
        reason:
          name === undefined
            ? 'the action of this generic RPC to KMS is not a literal'
            : `this generic RPC's action \`${name}\` is not one kms-codemod knows`,
      });
      return;
    }
    const call: ApiCall = { action, form: 'generic-rpc', range, family: 'legacy-core' };
    const fn = this.tracker.fnOf(node);
    for (const p of params) {
      const key = this.mapKey(unwrapGo(p), fn);
      if (key !== undefined) {
        call.key = key;
        break;
      }
    }
    calls.push(call);
  }

  /** The keyed fields of a struct literal (`&openapi.Params{...}`), or of the one a variable is assigned. */
  private structFields(
    raw: SyntaxNode | undefined,
    fn: string | undefined,
    depth = 0,
  ): Map<string, SyntaxNode> | undefined {
    const node = unwrapGo(raw);
    if (!node || depth > 3) return undefined;
    if (node.type === 'identifier') {
      const value = this.tracker.assigned.valueAt(node.text, fn, node.startIndex);
      return value && this.structFields(value, fn, depth + 1);
    }
    if (node.type !== 'composite_literal') return undefined;
    const fields = new Map<string, SyntaxNode>();
    for (const el of node.childForFieldName('body')?.namedChildren ?? []) {
      if (el.type !== 'keyed_element') continue;
      const [k, v] = el.namedChildren;
      const keyNode = k?.type === 'literal_element' ? k.namedChildren[0] : k;
      const value = v?.type === 'literal_element' ? v.namedChildren[0] : v;
      if (keyNode?.type === 'field_identifier' || keyNode?.type === 'identifier')
        if (value) fields.set(keyNode.text, value);
    }
    return fields;
  }

  /** A literal "KeyId" in a map literal or set on a map variable. */
  private mapKey(node: SyntaxNode | undefined, fn: string | undefined, depth = 0): string | undefined {
    if (!node || depth > 3) return undefined;
    if (node.type === 'composite_literal') {
      for (const el of node.childForFieldName('body')?.namedChildren ?? []) {
        if (el.type !== 'keyed_element') continue;
        const [k, v] = el.namedChildren;
        const keyNode = k?.type === 'literal_element' ? k.namedChildren[0] : k;
        const valueNode = v?.type === 'literal_element' ? v.namedChildren[0] : v;
        if (goString(keyNode) === 'KeyId' && valueNode)
          return this.values.origin(unwrapGo(valueNode)).literal;
      }
      return undefined;
    }
    if (node.type !== 'identifier') return undefined;
    const set = this.tracker.lookup(node.text, fn)?.key;
    if (set !== undefined) return set;
    return this.mapKey(this.tracker.assigned.valueAt(node.text, fn, node.startIndex), fn, depth + 1);
  }

  private requestUse(
    arg: SyntaxNode,
    fn: string | undefined,
    before: number,
    types: GoRequestTypes,
    depth = 0,
  ): ArgUse {
    const node = unwrapGo(arg);
    if (!node) return { use: { kind: 'unknown' } };
    if (node.type === 'call_expression') {
      const q = types.qualified(node.childForFieldName('function'));
      if (!q) return { use: { kind: 'unknown' } };
      const action = types.kmsAction(q[0], q[1]);
      if (action) return { use: { kind: 'kms', action }, creation: node.startIndex };
      const product = types.otherProduct(q[0]);
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
    types: GoRequestTypes,
    emitCommon: boolean,
  ): { kmsCommon: boolean } {
    const out = this.tracker.finish(
      facts,
      callsByCreation,
      escaping,
      (arg, fn, before) => this.requestUse(arg, fn, before, types),
      { emitCommon, sendsFor: (family) => family === 'legacy-core' || family === 'tea-kms' },
    );
    for (const t of this.teaClients) this.teaSettings(t.site, t.config, t.fn);
    return out;
  }

  /** `kms.NewClient(&openapi.Config{Endpoint: tea.String(x)})`, or a config variable and its fields. */
  private teaSettings(site: ClientSite, config: SyntaxNode | undefined, fn: string | undefined): void {
    const found: { endpoint?: SyntaxNode; ca?: SyntaxNode } = {};
    const visit = (raw: SyntaxNode | undefined, depth: number) => {
      const node = unwrapGo(raw);
      if (!node || depth > 3) return;
      if (node.type === 'composite_literal') {
        for (const el of node.childForFieldName('body')?.namedChildren ?? []) {
          if (el.type !== 'keyed_element') continue;
          const [k, v] = el.namedChildren;
          const setting = CONFIG_FIELDS[k?.text ?? ''];
          const value = v?.type === 'literal_element' ? v.namedChildren[0] : v;
          if (setting && value && !found[setting]) found[setting] = value;
        }
        return;
      }
      const name = varName(node);
      if (!name) return;
      const sets = this.tracker.lookup(name, fn);
      found.endpoint ??= sets?.endpoint;
      found.ca ??= sets?.ca;
      if (node.type === 'identifier')
        visit(this.tracker.assigned.valueAt(name, fn, site.range.startOffset), depth + 1);
    };
    visit(config, 0);
    const source = (raw: SyntaxNode) => {
      const n = unwrapGo(raw) ?? raw;
      return settingSource(n, this.values.origin(n), this.lines, (name, at) =>
        this.parameters.ownerAt(name, at),
      );
    };
    if (found.endpoint) site.endpoint = source(found.endpoint);
    if (found.ca) site.ca = source(found.ca);
  }
}
