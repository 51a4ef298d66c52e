import {
  type ApiCall,
  type CallForm,
  type ClientSite,
  type CredentialRole,
  emptyFacts,
  type FileFacts,
  type KmsEvidence,
  type SdkFamily,
} from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { LineIndex } from '../../model/range.js';
import { addCredential, addKeyRef, addNamedCredential, clientSite } from '../tree-sitter/fact-sinks.js';
import { AncestorFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { guardedExtract, sortFacts } from '../tree-sitter/guarded-extract.js';
import { KEY_PARAMETERS, KMS_API_VERSION, KMS_ENDPOINT } from '../tree-sitter/kms-names.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { parseAndCapture } from '../tree-sitter/parse-and-capture.js';
import { inStringOf, namesGatewayHost, rawHttpCalls } from '../tree-sitter/raw-http.js';
import { redactCredentials } from '../tree-sitter/redact.js';
import { bracketDepth } from '../tree-sitter/text-occurrences.js';
import { canExport, clientTypeRef } from './client-types.js';
import { EXECUTE_METHODS, GoClientUse } from './client-use.js';
import { GoImports } from './imports.js';
import {
  CORE_REQUESTS,
  CORE_SDK,
  CREDENTIAL_FIELDS,
  CREDENTIAL_POSITIONS,
  clientTypeFamily,
  constructorFamily,
  INSTANCE_SDK,
  isAlibabaPath,
  LEGACY_CONSTRUCTORS,
  otherProductOf,
  requestFamily,
} from './known-packages.js';
import { GoNameSites, type GoSites } from './name-sites.js';
import { GoParameterOwners } from './parameter-owners.js';
import { goGrammar } from './parser.js';
import { goArgs, lastName, pairedTarget } from './site.js';
import { DECLARATIONS_PASS } from './statement-values.js';
import { GoValues, goString, selectorParts } from './values.js';
import { WalkedGoNameSites } from './walked-name-sites.js';

/**
 * One parse, one query pass over the few node kinds read one by one (imports, calls, composite
 * literals, qualified types), then facts; declarations, assignments, parameters and hand-offs are read
 * from the nodes the text points at (name-sites.ts), or from walks over the tree for a deeply nested
 * file or one whose string escapes could spell a key name (walked-name-sites.ts); `sites` forces one of
 * the two. Never throws (see guardedExtract).
 */
export function extract(file: string, text: string, sites?: 'text' | 'walk'): FileFacts {
  const walk = sites ? sites === 'walk' : bracketDepth(text) > DEEP_NESTING || ESCAPED_LETTER.test(text);
  return guardedExtract(file, 'go', () => new GoExtraction(file, text, walk).run());
}

/** Real code nests a few dozen levels; past this, offset look-ups (O(depth) each) lose to walks. */
const DEEP_NESTING = 200;
/** An escape that may decode to a letter (`"\x4beyId"`): index keys are found by their text, so such files are walked. */
const ESCAPED_LETTER = /\\[^ntr\\"'abfv\n]/;
const FUNCTION_KINDS = new Set(['function_declaration', 'method_declaration']);

const KEY_FIELDS = new Set<string>(KEY_PARAMETERS);
const GO_STRINGS = new Set([
  'interpreted_string_literal',
  'raw_string_literal',
  'interpreted_string_literal_content',
]);

interface PendingRequest {
  call: ApiCall;
  /** Variable the request is stored in (`req := kms.CreateReEncryptRequest()`). */
  variable?: string;
}

class GoExtraction {
  private readonly lines: LineIndex;
  private root?: SyntaxNode;
  private sites?: GoSites;
  private readonly functions = new AncestorFunctions(
    () => this.tree(),
    FUNCTION_KINDS,
    (n) => n.childForFieldName('name')?.text || undefined,
  );
  private readonly facts: FileFacts;
  private readonly imports = new GoImports();
  private readonly values = new GoValues();
  /** Names (last segment) bound to a KMS client by a constructor call, with its family; typed names are read when asked. */
  private readonly constructed = new Map<string, SdkFamily>();
  /** Variables holding a KMS request, with the request's family. */
  private readonly requestVars = new Map<string, SdkFamily>();
  private readonly created: PendingRequest[] = [];
  private readonly methodCalls: ApiCall[] = [];
  private readonly consumed = new Set<PendingRequest>();
  private readonly otherProducts = new Set<string>();
  private readonly evidence = new Set<KmsEvidence>();
  /** Core `sdk.NewClientWith...` sites: KMS clients only if the file shows KMS common requests. */
  private readonly coreClients: ClientSite[] = [];
  private readonly parameters = new GoParameterOwners(this.functions, (name, fn) =>
    this.nameSites().isParameterOf(name, fn),
  );
  private readonly use: GoClientUse;
  /** KMS request-class calls by the offset of their `Create...Request()`, so the client executing them can be named. */
  private readonly callsByCreation = new Map<number, ApiCall>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly walk: boolean,
  ) {
    if (walk) this.functions.useRangeIndex();
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, 'go');
    this.use = new GoClientUse(this.lines, this.functions, this.parameters, this.values);
    // A name's values are read when it is first looked up, in the order the passes meet them.
    this.values.lazy = (name) => this.nameSites().valuesOf(name);
    this.use.tracker.assigned.onFirstAsk = (name) => {
      for (const v of this.nameSites().valuesOf(name)) this.use.tracker.assign(name, v.value);
    };
  }

  private tree(): SyntaxNode {
    if (!this.root) throw new Error('the Go file is not parsed yet');
    return this.root;
  }

  private nameSites(): GoSites {
    const enclosing = (n: SyntaxNode) => this.functions.enclosing(n);
    this.sites ??= this.walk
      ? new WalkedGoNameSites(this.tree(), enclosing)
      : new GoNameSites(this.text, this.tree(), enclosing);
    return this.sites;
  }

  run(): FileFacts {
    const { groups, parseErrors, root } = parseAndCapture(goGrammar(), this.file, this.text, this.lines);
    this.root = root;
    this.facts.parseErrors = parseErrors;
    for (const n of groups.get('import') ?? []) this.imports.add(n, this.lines);
    this.facts.imports = this.imports.sites;
    for (const s of this.imports.sites) {
      if (requestFamily(s.module)) this.facts.usesKmsModels = true;
      const product = otherProductOf(s.module);
      if (product) this.otherProducts.add(product);
    }
    const sites = this.nameSites();
    // `accessKeyId := "LTAI…"`, seeing only the values declared before it, as when declarations were a pass
    for (const { key, name, value } of sites.credentialDeclarations()) {
      this.values.horizon = key;
      addNamedCredential(this.facts, this.lines, name, this.values.origin(value));
    }
    this.values.horizon = [DECLARATIONS_PASS, Number.POSITIVE_INFINITY];
    const calls = groups.get('call') ?? [];
    for (const n of calls) this.constructorCall(n);
    for (const n of calls) this.requestCreation(n);
    for (const { key, node, left, right } of sites.fieldAssignments()) {
      this.values.horizon = key;
      this.fieldAssignment(node, left, right);
    }
    this.values.horizon = undefined;
    for (const n of groups.get('composite') ?? []) this.composite(n);
    for (const n of calls) this.otherCall(n);
    this.clientTypes(groups.get('type') ?? [], groups.get('package')?.[0]);
    this.finish(root);
    return redactCredentials(sortFacts(this.facts), this.text);
  }

  /** The KMS client family of a name: the last constructor bound to it, else the last client type written for it. */
  private clientFamily(name: string): SdkFamily | undefined {
    const constructed = this.constructed.get(name);
    if (constructed) return constructed;
    let family: SdkFamily | undefined;
    for (const { type } of this.nameSites().typesOf(name)) family = this.clientTypeFamily(type) ?? family;
    return family;
  }

  private clientTypes(types: SyntaxNode[], pkg: SyntaxNode | undefined): void {
    const name = pkg?.namedChildren.find((n) => n.type === 'package_identifier')?.text;
    const exportable = canExport(this.file, name);
    const refs = types.flatMap((q) => clientTypeRef(q, this.imports, this.lines, exportable) ?? []);
    if (refs.length > 0) this.facts.clientTypes = refs;
  }

  /** `pkg.Name` where pkg is an import alias → [path, Name]; dot-imported bare names too. */
  private qualified(fn: SyntaxNode | null): [string, string] | undefined {
    if (!fn) return undefined;
    if (fn.type === 'identifier') {
      for (const path of this.imports.dotImports) {
        if (constructorFamily(path, fn.text) || requestFamily(path)) return [path, fn.text];
      }
      return undefined;
    }
    const sel = selectorParts(fn);
    if (sel?.operand.type !== 'identifier') return undefined;
    const path = this.imports.pathOf(sel.operand.text);
    return path ? [path, sel.field] : undefined;
  }

  private clientTypeFamily(type: SyntaxNode): SdkFamily | undefined {
    const inner = type.type === 'pointer_type' ? type.namedChildren[0] : type;
    if (inner?.type !== 'qualified_type') return undefined;
    const path = this.imports.pathOf(inner.childForFieldName('package')?.text ?? '');
    return path ? clientTypeFamily(path, inner.childForFieldName('name')?.text ?? '') : undefined;
  }

  private constructorCall(node: SyntaxNode): void {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    const q = this.qualified(fn);
    if (!fn || !args || !q) return;
    const [path, name] = q;
    const family = constructorFamily(path, name);
    const isCore = path === CORE_SDK && name.startsWith('NewClientWith');
    if (!family && !isCore) return;
    const target = pairedTarget(node);
    const bound = target && target.type !== 'blank_identifier' && target.text !== '_' ? target : undefined;
    const site = clientSite(this.lines, this.functions, {
      family: family ?? 'legacy-core',
      constructorName: name,
      qualifiedName: `${path}.${name}`,
      node,
      callee: fn,
      argList: args,
      args: goArgs(args, this.lines),
      evidence:
        family === 'legacy-core' || family === 'tea-kms' || family === 'transfer' || family === 'instance'
          ? ['kms-package']
          : [],
      boundTo: bound?.text,
    });
    const last = bound && lastName(bound);
    if (last) this.constructed.set(last, site.family);
    if (isCore && !family) this.coreClients.push(site);
    else this.facts.clients.push(site);
    if (family === 'tea-kms') this.use.teaClient(site, args.namedChildren[0], node);
    const roles = CREDENTIAL_POSITIONS[name] ?? [];
    const list = args.namedChildren;
    roles.forEach((role, i) => {
      if (role) this.credential(list[i], role, `${name}`);
    });
  }

  /** `kms.CreateReEncryptRequest()`: remembered first, so the call that sends it can claim it. */
  private requestCreation(node: SyntaxNode): void {
    const q = this.qualified(node.childForFieldName('function'));
    if (!q) return;
    const [path, name] = q;
    if (path === CORE_REQUESTS && name === 'NewCommonRequest') {
      const target = pairedTarget(node);
      if (target?.type === 'identifier') this.use.tracker.commonCreated(target.text, node);
      return;
    }
    const rf = requestFamily(path);
    const m = /^Create(\w+)Request$/.exec(name);
    const action = rf && m ? canonicalAction(m[1]) : undefined;
    if (!action || !rf) return;
    this.facts.usesKmsModels = true;
    const target = pairedTarget(node);
    const pending: PendingRequest = {
      call: { action, form: 'request-class', range: nodeRange(node, this.lines), family: rf },
    };
    this.callsByCreation.set(node.startIndex, pending.call);
    if (target?.type === 'identifier') {
      pending.variable = target.text;
      this.requestVars.set(target.text, rf);
    }
    this.created.push(pending);
  }

  private otherCall(node: SyntaxNode): void {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const q = this.qualified(fn);
    if (q) {
      const [path, name] = q;
      const roles = CREDENTIAL_POSITIONS[name];
      const isConstructor =
        constructorFamily(path, name) || (path === CORE_SDK && name.startsWith('NewClientWith'));
      if (roles && !isConstructor && isAlibabaPath(path))
        roles.forEach((role, i) => {
          if (role) this.credential(args[i], role, name);
        });
      return;
    }
    const sel = selectorParts(fn);
    if (!sel) return;
    if (EXECUTE_METHODS.has(sel.field)) {
      this.use.tracker.execution(node, sel.operand.text, args[0]);
      return;
    }
    if (this.use.genericRpc(node, sel.field, args, this.facts, this.methodCalls)) return;
    if (this.use.callApi(node, sel.field, args)) return;
    if (this.use.configSetter(node, sel.operand, sel.field, args)) return;
    this.method(node, sel.operand, sel.field, args);
  }

  /**
   * client.Encrypt(req), client.ReEncryptWithChan(req), client.ReEncryptWithCallback(req, cb),
   * client.ReEncryptWithOptions(req, rt), client.ReEncryptWithContext(ctx, req, rt): the request is
   * the first argument that is one (a context may come first).
   */
  private method(node: SyntaxNode, operand: SyntaxNode, field: string, args: SyntaxNode[]): void {
    if (!/^[A-Z]/.test(field)) return;
    const action = canonicalAction(field);
    if (!action) return;
    const receiver = lastName(operand);
    const clientFamily = receiver ? this.clientFamily(receiver) : undefined;
    let arg: SyntaxNode | undefined;
    let argFamily: SdkFamily | undefined;
    for (const a of args) {
      argFamily = this.requestArgFamily(a);
      if (argFamily) {
        arg = a;
        break;
      }
    }
    if (!clientFamily && !argFamily) return;
    arg ??= args[0];
    const form: CallForm = field.endsWith('WithChan')
      ? 'client-method-chan'
      : field.endsWith('WithCallback')
        ? 'client-method-callback'
        : 'client-method';
    const call: ApiCall = {
      action,
      form,
      range: nodeRange(node, this.lines),
      receiver: operand.text,
      family: clientFamily ?? argFamily ?? 'legacy-core',
    };
    this.facts.usesKmsModels = true;
    this.methodCalls.push(call);
    this.use.tracker.executed(operand.text, { kind: 'kms', action });
    // the request built for this very call is the same action: report the call, not its creation too
    if (arg) {
      // the same variable name is often reused (`req` in every function): take the nearest unclaimed one before the call
      let pending: PendingRequest | undefined;
      for (const p of this.created) {
        if (p.call.action !== action || this.consumed.has(p)) continue;
        if (arg.type !== 'identifier') {
          if (p.call.range.startOffset === arg.startIndex) pending = p; // built inline as the argument
          continue;
        }
        const before = p.call.range.startOffset <= node.startIndex;
        if (
          p.variable === arg.text &&
          before &&
          (!pending || p.call.range.startOffset > pending.call.range.startOffset)
        )
          pending = p;
      }
      if (pending) this.consumed.add(pending);
    }
  }

  private requestArgFamily(arg: SyntaxNode): SdkFamily | undefined {
    if (arg.type === 'identifier') return this.requestVars.get(arg.text);
    const lit = arg.type === 'unary_expression' ? arg.childForFieldName('operand') : arg;
    if (lit?.type === 'composite_literal') return this.compositeFamily(lit);
    if (lit?.type === 'call_expression') {
      const q = this.qualified(lit.childForFieldName('function'));
      return q && /^Create\w+Request$/.test(q[1]) ? requestFamily(q[0]) : undefined;
    }
    return undefined;
  }

  private compositeFamily(node: SyntaxNode): SdkFamily | undefined {
    const type = node.childForFieldName('type');
    if (type?.type !== 'qualified_type') return undefined;
    const path = this.imports.pathOf(type.childForFieldName('package')?.text ?? '');
    const name = type.childForFieldName('name')?.text ?? '';
    return path && name.endsWith('Request') ? requestFamily(path) : undefined;
  }

  /** `req.KeyId = …`, `r.ApiName = …`, `r.QueryParams["KeyId"] = …` (assignments to plain names are values, read lazily). */
  private fieldAssignment(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode): void {
    this.use.assigned(node, left, right);
    if (left.type === 'index_expression') {
      // r.QueryParams["KeyId"] = keyID
      const key = goString(left.childForFieldName('index'));
      if (key && KEY_FIELDS.has(key)) this.keyRef(right, key);
      return;
    }
    const sel = selectorParts(left);
    if (!sel) return;
    // ApiName, Product and the Config's Endpoint/Ca are read per variable (client-use.ts)
    if (sel.field === 'ApiName') return;
    if (sel.field === 'Domain' || sel.field === 'Endpoint') {
      if (KMS_ENDPOINT.test(this.values.origin(right).literal ?? '')) this.evidence.add('kms-endpoint');
    } else if (sel.field === 'Version') {
      if (this.values.origin(right).literal === KMS_API_VERSION) this.evidence.add('api-version');
    } else if (KEY_FIELDS.has(sel.field) && this.imports.anyPath(isAlibabaPath)) {
      this.keyRef(right, sel.field);
    } else {
      const role = CREDENTIAL_FIELDS[sel.field];
      if (role && this.credentialFile(sel.field)) this.credential(right, role, sel.field);
    }
  }

  /** &kms.EncryptRequest{KeyId: ...}, &openapi.Config{AccessKeyId: ...}, &credentials.AccessKeyCredential{...}. */
  private composite(node: SyntaxNode): void {
    const type = node.childForFieldName('type');
    const body = node.childForFieldName('body');
    if (!type || !body || type.type !== 'qualified_type') return;
    const path = this.imports.pathOf(type.childForFieldName('package')?.text ?? '');
    if (!path || !isAlibabaPath(path)) return;
    const typeName = type.childForFieldName('name')?.text ?? '';
    if (requestFamily(path) && typeName.endsWith('Request')) this.facts.usesKmsModels = true;
    for (const el of body.namedChildren) {
      if (el.type !== 'keyed_element') continue;
      const [keyEl, valueEl] = el.namedChildren;
      const key = keyEl?.text ?? '';
      const value = valueEl?.type === 'literal_element' ? valueEl.namedChildren[0] : valueEl;
      if (!value) continue;
      if (KEY_FIELDS.has(key) && requestFamily(path)) this.keyRef(value, key);
      const role = CREDENTIAL_FIELDS[key];
      if (role) this.credential(value, role, `${typeName}.${key}`);
    }
  }

  /** `x.Password = "..."` is a KMS fact only next to the instance SDK's Config (not a database config). */
  private credentialFile(field: string): boolean {
    if (field === 'Password') return this.imports.anyPath((p) => p.startsWith(INSTANCE_SDK));
    return this.imports.anyPath(isAlibabaPath);
  }

  private usesCoreRequests(): boolean {
    return this.imports.anyPath((p) => p === CORE_REQUESTS || p === CORE_SDK);
  }

  private credential(node: SyntaxNode | undefined, role: CredentialRole, sink: string): void {
    if (node) addCredential(this.facts, this.lines, this.values.origin(node), role, sink);
  }

  private keyRef(node: SyntaxNode | undefined, parameter: string): void {
    if (node) addKeyRef(this.facts, this.lines, node, this.values.origin(node), parameter);
  }

  /** Names of clients the file passes to a call, returns, stores or copies (they may send more elsewhere). */
  private escaping(): Set<string> {
    const names = new Set(
      [...this.facts.clients, ...this.coreClients].flatMap((c) => (c.boundTo ? [lastOf(c.boundTo)] : [])),
    );
    return new Set([...names].filter((name) => this.nameSites().handedOn(name)));
  }

  private finish(root: SyntaxNode): void {
    const kept = this.created.filter((p) => !this.consumed.has(p)).map((p) => p.call);
    this.facts.calls = [...kept, ...this.methodCalls].sort(
      (a, b) => a.range.startOffset - b.range.startOffset,
    );
    for (const c of this.facts.calls) if (c.receiver === undefined) delete c.receiver;
    const types = {
      qualified: (fn: SyntaxNode | null) => this.qualified(fn),
      kmsAction: (path: string, name: string) => {
        const m = /^Create(\w+)Request$/.exec(name);
        return requestFamily(path) === 'legacy-core' && m ? canonicalAction(m[1]) : undefined;
      },
      otherProduct: otherProductOf,
    };
    // core clients take part in the trace; whether they are KMS clients is decided below
    const own = this.facts.clients.length;
    this.facts.clients.push(...this.coreClients);
    const { kmsCommon: traced } = this.use.finish(
      this.facts,
      this.callsByCreation,
      this.escaping(),
      types,
      this.usesCoreRequests(),
    );
    this.facts.clients.splice(own);
    if (traced) this.evidence.add('kms-actions');
    const inString = inStringOf(root, GO_STRINGS);
    this.facts.calls.push(
      ...this.use.callApiCalls(this.facts, namesGatewayHost(this.text, inString)),
      ...rawHttpCalls(this.text, this.lines, this.facts.calls, inString),
    );
    const kmsCommon = this.evidence.has('kms-actions') || this.evidence.has('kms-endpoint');
    if (kmsCommon) {
      for (const c of this.coreClients) c.evidence = [...this.evidence].sort();
      this.facts.clients.push(...this.coreClients);
      this.facts.clients.sort((a, b) => a.range.startOffset - b.range.startOffset);
    }
    if (this.facts.calls.length > 0) this.facts.usesKmsModels = true;
    const products = [...this.otherProducts].sort();
    for (const c of this.facts.clients) {
      if (
        c.family === 'legacy-core' &&
        LEGACY_CONSTRUCTORS.has(c.constructorName) &&
        c.evidence.includes('kms-package')
      ) {
        c.evidence = [...new Set([...c.evidence, ...this.evidence])].sort();
      }
      c.otherProducts = products;
    }
  }
}

function lastOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
