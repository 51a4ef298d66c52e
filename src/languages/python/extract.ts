import {
  type ApiCall,
  type ClientSite,
  type CredentialRole,
  emptyFacts,
  type FileFacts,
  type KmsEvidence,
} from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { LineIndex } from '../../model/range.js';
import { addCredential, addKeyRef, addNamedCredential, clientSite } from '../tree-sitter/fact-sinks.js';
import { FunctionIndex } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { guardedExtract, sortFacts } from '../tree-sitter/guarded-extract.js';
import { KMS_API_VERSION, KMS_ENDPOINT, keyParameter } from '../tree-sitter/kms-names.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { ParameterIndex } from '../tree-sitter/parameter-index.js';
import { parseAndCapture } from '../tree-sitter/parse-and-capture.js';
import { inStringOf, rawHttpCalls } from '../tree-sitter/raw-http.js';
import { redactCredentials } from '../tree-sitter/redact.js';
import { EXECUTE_METHODS, PyClientUse } from './client-use.js';
import { PyImports } from './imports.js';
import {
  COMMON_REQUEST,
  CREDENTIAL_KEYWORDS,
  CREDENTIAL_POSITIONS,
  isKnownPyName,
  isTeaModel,
  legacyRequestAction,
  otherProductOf,
  PY_CLIENTS,
  UNBOUND_CLIENTS,
} from './known-names.js';
import { pythonGrammar } from './parser.js';
import { pyArgs, pyBoundTo, splitArgs } from './site.js';
import { dottedName, PyValues } from './values.js';

/** One parse, one query pass, then facts. Never throws (see guardedExtract). */
export function extract(file: string, text: string): FileFacts {
  return guardedExtract(file, 'python', () => new PythonExtraction(file, text).run());
}

const ENDPOINT_CALLS = new Set(['add_endpoint', 'set_endpoint', 'set_domain']);
const PARAM_CALLS = new Set(['add_query_param', 'add_body_params']);

const PY_STRINGS = new Set(['string', 'string_content']);

function isInterestingPyCall(last: string): boolean {
  return (
    EXECUTE_METHODS.has(last) ||
    last in CREDENTIAL_POSITIONS ||
    last in UNBOUND_CLIENTS ||
    last.endsWith('Config') ||
    last.endsWith('Request') ||
    last.startsWith('set_') ||
    last === 'add_endpoint' ||
    PARAM_CALLS.has(last) ||
    (/^[a-z]/.test(last) && canonicalAction(last) !== undefined)
  );
}

/** Expressions that can carry a key id, a credential or a client (`n = 0` and arithmetic cannot). */
const VALUE_CARRIERS = new Set([
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

class PythonExtraction {
  private readonly lines: LineIndex;
  private readonly functions = new FunctionIndex();
  private readonly facts: FileFacts;
  private readonly imports = new PyImports();
  private readonly values = new PyValues();
  /** Names holding a V2 (tea) or V2-transfer client. */
  private readonly teaClients = new Set<string>();
  private readonly otherProducts = new Set<string>();
  private readonly evidence = new Set<KmsEvidence>();
  private legacyKms = false;
  private readonly parameters = new ParameterIndex(this.functions);
  private readonly use: PyClientUse;
  /** KMS request-class calls by the offset of their construction, so the client executing them can be named. */
  private readonly callsByCreation = new Map<number, ApiCall>();

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, 'python');
    this.use = new PyClientUse(this.lines, this.functions, this.parameters, this.values);
  }

  run(): FileFacts {
    const { groups, parseErrors, root } = parseAndCapture(pythonGrammar(), this.file, this.text, this.lines);
    this.facts.parseErrors = parseErrors;
    for (const n of groups.get('function') ?? []) this.functions.add(n, n.childForFieldName('name')?.text);
    for (const n of groups.get('function') ?? []) this.noteParameters(n);
    for (const n of groups.get('import') ?? []) this.imports.add(n, this.lines);
    this.facts.imports = this.imports.sites;
    for (const site of this.imports.sites)
      this.noteImport(
        site.module,
        site.names.map((n) => n.imported),
      );
    for (const n of groups.get('assign') ?? []) this.assignment(n);
    const calls = groups.get('call') ?? [];
    // clients first, so V2 client variables are known wherever their methods are called
    for (const n of calls) this.clientCall(n);
    for (const n of calls) this.call(n);
    this.finish(groups, root);
    return redactCredentials(sortFacts(this.facts), this.text);
  }

  private noteParameters(fn: SyntaxNode): void {
    for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      const name =
        p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren[0])?.text;
      if (name && name !== 'self' && name !== 'cls') this.parameters.add(name, p);
    }
  }

  private noteImport(module: string, names: string[]): void {
    const paths = [module, ...names.map((n) => `${module}.${n}`)];
    if (paths.some((p) => p.startsWith('aliyunsdkkms.request.v20160120'))) {
      this.legacyKms = true;
      this.facts.usesKmsModels = true;
    }
    if (
      paths.some(
        (p) => p.startsWith('alibabacloud_kms20160120.models') || p === 'alibabacloud_kms20160120.models',
      )
    )
      this.facts.usesKmsModels = true;
    for (const p of paths) {
      const product = otherProductOf(p);
      if (product) this.otherProducts.add(product);
    }
  }

  private resolve(dotted: string): string | undefined {
    return this.imports.resolve(dotted, isKnownPyName);
  }

  private assignment(node: SyntaxNode): void {
    const right = node.childForFieldName('right');
    if (!right || !VALUE_CARRIERS.has(right.type)) return;
    const left = node.childForFieldName('left');
    if (!left) return;
    const name = dottedName(left);
    if (name) {
      this.values.assign(name, right);
      this.use.tracker.assign(name, right);
    }
    if (left.type === 'attribute') this.use.attributeAssigned(left, right);
    if (left.type === 'identifier')
      addNamedCredential(this.facts, this.lines, left.text, this.values.origin(right));
    // tea Config attributes: config.access_key_id = '...'
    if (left.type === 'attribute' && this.alibabaFile()) {
      const attr = left.childForFieldName('attribute')?.text ?? '';
      const role = attr === 'ak' || attr === 'secret' ? undefined : CREDENTIAL_KEYWORDS[attr];
      if (role && (role !== 'password' || this.instanceConfigFile())) this.credential(right, role, 'Config');
    }
  }

  private clientPath(dotted: string | undefined, qualified: string | undefined): string | undefined {
    const path =
      qualified ??
      (dotted && !dotted.includes('.') && !this.imports.isBound(dotted)
        ? UNBOUND_CLIENTS[dotted]
        : undefined);
    return path && PY_CLIENTS[path] ? path : undefined;
  }

  /** Cheap first look at a call: the callee's last name, and whether its first name is an import. */
  private calleeNames(fnNode: SyntaxNode): { last: string; imported: boolean } {
    const text = fnNode.text;
    const dot = text.indexOf('.');
    const head = (dot < 0 ? text : text.slice(0, dot)).trim();
    const last = fnNode.type === 'attribute' ? (fnNode.childForFieldName('attribute')?.text ?? '') : text;
    return { last, imported: this.imports.isBound(head) || (dot < 0 && this.imports.hasStars()) };
  }

  private clientCall(node: SyntaxNode): void {
    const fnNode = node.childForFieldName('function');
    if (!fnNode) return;
    const { last, imported } = this.calleeNames(fnNode);
    if (!imported && !(last in UNBOUND_CLIENTS)) return;
    const argList = node.childForFieldName('arguments');
    if (argList?.type !== 'argument_list') return;
    const dotted = dottedName(fnNode);
    const path = this.clientPath(dotted, dotted ? this.resolve(dotted) : undefined);
    if (!path) return;
    this.client(node, fnNode, argList, path, PY_CLIENTS[path], last);
  }

  private call(node: SyntaxNode): void {
    const fnNode = node.childForFieldName('function');
    if (!fnNode) return;
    const { last, imported } = this.calleeNames(fnNode);
    // most calls (do_action_with_exception, print, ...) matter to no fact: decide on the names alone
    if (!imported && !isInterestingPyCall(last)) return;
    const argList = node.childForFieldName('arguments');
    if (argList?.type !== 'argument_list') return;
    const dotted = dottedName(fnNode);
    const qualified = dotted ? this.resolve(dotted) : undefined;
    const { positional, keywords } = splitArgs(argList);
    const client = this.clientPath(dotted, qualified);
    // aliases (`AcsClient as Acs`) count by the class they name
    const callee = (client ?? qualified)?.split('.').pop() ?? last;
    if (CREDENTIAL_POSITIONS[callee] || callee.endsWith('Config'))
      this.credentials(callee, positional, keywords);
    if (client) return;

    const action = qualified ? legacyRequestAction(qualified) : undefined;
    if (action) {
      this.legacyKms = true;
      this.facts.usesKmsModels = true;
      const call: ApiCall = {
        action,
        form: 'request-class',
        range: nodeRange(node, this.lines),
        family: 'legacy-core',
      };
      this.callsByCreation.set(node.startIndex, call);
      this.push(call);
      return;
    }
    if (qualified && otherProductOf(qualified)) this.otherProducts.add(otherProductOf(qualified) as string);
    if (qualified === COMMON_REQUEST) {
      this.commonRequestCtor(positional, keywords);
      this.use.commonRequest(node, positional, keywords);
      return;
    }
    if (last.endsWith('Request')) {
      for (const [kw, value] of keywords) {
        const param = keyParameter(kw);
        if (param) this.keyRef(value, param);
      }
      if (qualified && isTeaModel(qualified)) this.facts.usesKmsModels = true;
      return;
    }
    if (fnNode.type !== 'attribute') return;
    this.method(node, fnNode, last, positional, keywords);
  }

  private method(
    node: SyntaxNode,
    fnNode: SyntaxNode,
    name: string,
    positional: SyntaxNode[],
    keywords: Map<string, SyntaxNode>,
  ): void {
    const receiver = fnNode.childForFieldName('object');
    if (EXECUTE_METHODS.has(name)) {
      this.use.tracker.execution(node, dottedName(receiver), positional[0] ?? keywords.get('acs_request'));
      return;
    }
    // CommonRequest and Config fields are read per variable (client-use.ts)
    this.use.setter(node, receiver, name, positional);
    if (name === 'set_action_name') return;
    if (ENDPOINT_CALLS.has(name)) {
      if (positional.some((a) => KMS_ENDPOINT.test(this.values.origin(a).literal ?? '')))
        this.evidence.add('kms-endpoint');
      return;
    }
    if (name === 'set_version') {
      if (this.values.origin(positional[0]).literal === KMS_API_VERSION) this.evidence.add('api-version');
      return;
    }
    if (PARAM_CALLS.has(name) && positional.length === 2) {
      const param = keyParameter(this.values.origin(positional[0]).literal ?? '');
      if (param) this.keyRef(positional[1], param);
      return;
    }
    if (name.startsWith('set_') && positional.length === 1) {
      const param = keyParameter(name.slice(4));
      if (param && /^set_[A-Z]/.test(name)) this.keyRef(positional[0], param);
      return;
    }
    // V2 client methods: client.re_encrypt(req), client.encrypt_with_options_async(req, runtime)
    if (!/^[a-z]/.test(name)) return;
    const action = canonicalAction(name);
    if (!action) return;
    const recv = dottedName(receiver);
    const onTea = recv !== undefined && this.teaClients.has(recv);
    if (!onTea && !positional.some((a) => this.isTeaRequest(a)) && !keywords.has('request')) return;
    if (!onTea && keywords.has('request') && !this.isTeaRequest(keywords.get('request') as SyntaxNode))
      return;
    this.facts.usesKmsModels = true;
    this.push({
      action,
      form: 'client-method',
      range: nodeRange(node, this.lines),
      family: 'tea-kms',
      receiver: receiver?.text,
    });
  }

  private isTeaRequest(arg: SyntaxNode, depth = 0): boolean {
    if (depth > 4) return false;
    if (arg.type === 'identifier') {
      const init = this.values.initializer(arg.text);
      return init ? this.isTeaRequest(init, depth + 1) : false;
    }
    if (arg.type !== 'call') return false;
    const dotted = dottedName(arg.childForFieldName('function'));
    const qualified = dotted ? this.resolve(dotted) : undefined;
    return qualified !== undefined && isTeaModel(qualified);
  }

  /** CommonRequest(domain=..., version=...): evidence for the file's clients (the call itself: client-use.ts). */
  private commonRequestCtor(positional: SyntaxNode[], keywords: Map<string, SyntaxNode>): void {
    const domain = this.values.origin(keywords.get('domain') ?? positional[0]).literal ?? '';
    const version = this.values.origin(keywords.get('version') ?? positional[1]).literal ?? '';
    if (KMS_ENDPOINT.test(domain)) this.evidence.add('kms-endpoint');
    if (version === KMS_API_VERSION) this.evidence.add('api-version');
  }

  private client(
    node: SyntaxNode,
    fnNode: SyntaxNode,
    argList: SyntaxNode,
    qualified: string,
    family: ClientSite['family'],
    name: string,
  ): void {
    const boundTo = pyBoundTo(node);
    if (boundTo && (family === 'tea-kms' || qualified.startsWith('alibabacloud_kms_kms20160120.')))
      this.teaClients.add(boundTo);
    const site = clientSite(this.lines, this.functions, {
      family,
      constructorName: name,
      qualifiedName: qualified,
      node,
      callee: fnNode,
      argList,
      args: pyArgs(argList, this.lines),
      evidence: family === 'legacy-core' ? [] : ['kms-package'],
      boundTo,
    });
    this.facts.clients.push(site);
    if (family === 'tea-kms') this.use.teaClient(site, argList, node);
  }

  private credentials(callee: string, positional: SyntaxNode[], keywords: Map<string, SyntaxNode>): void {
    if (!this.alibabaFile()) return;
    (CREDENTIAL_POSITIONS[callee] ?? []).forEach((role, i) => {
      if (role) this.credential(positional[i], role, callee);
    });
    for (const [kw, value] of keywords) {
      const role = CREDENTIAL_KEYWORDS[kw];
      if (!role) continue;
      // `ak=`/`secret=` are AcsClient's names; `password=` only matters on the KMS instance Config
      if ((kw === 'ak' || kw === 'secret') && !(callee in CREDENTIAL_POSITIONS)) continue;
      if (role === 'password' && !this.instanceConfigFile()) continue;
      this.credential(value, role, callee);
    }
  }

  /** A `password` is the KMS instance client key's only next to the instance SDK, not a database's. */
  private instanceConfigFile(): boolean {
    return this.imports.anyModule((m) => /^(openapi\b|alibabacloud_dkms|alibabacloud_kms)/.test(m));
  }

  private alibabaFile(): boolean {
    return this.imports.anyModule((m) => /^(aliyunsdk|alibabacloud_|openapi\b|sdk\b)/.test(m));
  }

  private coreFile(): boolean {
    return this.imports.anyModule((m) => m.startsWith('aliyunsdkcore'));
  }

  private push(call: ApiCall): void {
    if (call.receiver === undefined) delete call.receiver;
    this.facts.calls.push(call);
  }

  private credential(node: SyntaxNode | undefined, role: CredentialRole, sink: string): void {
    if (node) addCredential(this.facts, this.lines, this.values.origin(node), role, sink);
  }

  private keyRef(node: SyntaxNode | undefined, parameter: string): void {
    if (node) addKeyRef(this.facts, this.lines, node, this.values.origin(node), parameter);
  }

  /** Names of clients the file passes to a call, returns or copies (they may send more elsewhere). */
  private escaping(groups: Map<string, SyntaxNode[]>): Set<string> {
    const names = new Set(
      this.facts.clients.flatMap((c) => (c.boundTo ? [c.boundTo.split('.').pop() as string] : [])),
    );
    const out = new Set<string>();
    if (names.size === 0) return out;
    const note = (n: SyntaxNode | null | undefined) => {
      const name =
        n && n.type === 'keyword_argument' ? dottedName(n.childForFieldName('value')) : dottedName(n);
      const last = name?.split('.').pop();
      if (last && names.has(last)) out.add(last);
    };
    for (const n of groups.get('call') ?? [])
      for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) note(a);
    for (const n of groups.get('assign') ?? []) note(n.childForFieldName('right'));
    for (const n of groups.get('return') ?? []) note(n.namedChildren[0]);
    return out;
  }

  private finish(groups: Map<string, SyntaxNode[]>, root: SyntaxNode): void {
    const types = {
      resolve: (dotted: string) => this.resolve(dotted),
      kmsAction: legacyRequestAction,
      otherProduct: otherProductOf,
      isCommonRequest: (q: string) => q === COMMON_REQUEST,
    };
    const { kmsCommon } = this.use.finish(
      this.facts,
      this.callsByCreation,
      this.escaping(groups),
      types,
      this.coreFile(),
    );
    if (kmsCommon) this.evidence.add('kms-actions');
    this.facts.calls.push(
      ...rawHttpCalls(this.text, this.lines, this.facts.calls, inStringOf(root, PY_STRINGS)),
    );
    if (this.legacyKms) this.evidence.add('kms-requests');
    if (this.facts.calls.length > 0) this.facts.usesKmsModels = true;
    const products = [...this.otherProducts].sort();
    for (const c of this.facts.clients) {
      if (c.family === 'legacy-core') c.evidence = [...this.evidence].sort();
      c.otherProducts = products;
    }
  }
}
