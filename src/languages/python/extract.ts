import { credentialNameRole } from '../../model/credential-looks.js';
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
import { AncestorFunctions } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { guardedExtract, sortFacts } from '../tree-sitter/guarded-extract.js';
import { KMS_API_VERSION, KMS_ENDPOINT, keyParameter } from '../tree-sitter/kms-names.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { parseTree } from '../tree-sitter/parse-and-capture.js';
import { inStringOf, rawHttpCalls } from '../tree-sitter/raw-http.js';
import { redactCredentials } from '../tree-sitter/redact.js';
import { bracketDepth } from '../tree-sitter/text-occurrences.js';
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
import { type PySites, PythonNameSites } from './name-sites.js';
import { PyParameterOwners } from './parameter-owners.js';
import { pythonGrammar } from './parser.js';
import { pyArgs, pyBoundTo, splitArgs } from './site.js';
import { dottedName, PyValues } from './values.js';
import { WalkedPythonNameSites } from './walked-name-sites.js';

/**
 * One parse, then facts from the nodes the text points at (name-sites.ts), or from walks over the tree
 * for a deeply nested file or one with star imports (walked-name-sites.ts); `sites` forces one of the
 * two. Never throws (see guardedExtract).
 */
export function extract(file: string, text: string, sites?: 'text' | 'walk'): FileFacts {
  const walk = sites ? sites === 'walk' : bracketDepth(text) > DEEP_NESTING;
  return guardedExtract(file, 'python', () => new PythonExtraction(file, text, walk).run());
}

/**
 * Python code nests brackets a dozen levels at most; past this, offset look-ups (O(depth) each, more
 * on wide nodes) lose to walks.
 */
const DEEP_NESTING = 32;
const FUNCTION_KINDS = new Set(['function_definition']);
/**
 * Parents climbed to find the enclosing function before looking it up by range: a Python statement sits
 * a few levels below its `def` (block, statement, expression), and each `parent` costs O(depth).
 */
const MAX_CLIMB = 16;

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

/** Attributes whose assignment is a fact: a tea Config's endpoint, CA and credentials. */
function isNotableAttribute(attr: string): boolean {
  return (
    attr === 'endpoint' ||
    attr === 'ca' ||
    (!!CREDENTIAL_KEYWORDS[attr] && attr !== 'ak' && attr !== 'secret')
  );
}

class PythonExtraction {
  private readonly lines: LineIndex;
  private root?: SyntaxNode;
  private sites?: PySites;
  private readonly functions = new AncestorFunctions(
    () => this.tree(),
    FUNCTION_KINDS,
    (n) => n.childForFieldName('name')?.text || undefined,
    MAX_CLIMB,
  );
  private readonly facts: FileFacts;
  private readonly imports = new PyImports();
  private readonly values = new PyValues();
  /** Names holding a V2 (tea) or V2-transfer client. */
  private readonly teaClients = new Set<string>();
  private readonly otherProducts = new Set<string>();
  private readonly evidence = new Set<KmsEvidence>();
  private legacyKms = false;
  private readonly parameters = new PyParameterOwners(() => this.tree());
  private readonly use: PyClientUse;
  /** KMS request-class calls by the offset of their construction, so the client executing them can be named. */
  private readonly callsByCreation = new Map<number, ApiCall>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private walk: boolean,
  ) {
    if (walk) this.functions.useRangeIndex();
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, 'python');
    this.use = new PyClientUse(this.lines, this.functions, this.parameters, this.values);
    // Assignments are found by name when a name is first looked up (name-sites.ts).
    this.values.onFirstAsk = (name) => this.noteValuesOf(name);
    this.use.tracker.assigned.onFirstAsk = (name) => this.noteValuesOf(name);
  }

  private tree(): SyntaxNode {
    if (!this.root) throw new Error('the Python file is not parsed yet');
    return this.root;
  }

  private nameSites(): PySites {
    this.sites ??= this.walk
      ? new WalkedPythonNameSites(this.tree())
      : new PythonNameSites(this.text, this.tree());
    return this.sites;
  }

  /** Both look-ups (first assignment, latest before a use) learn a name's values at once, in file order. */
  private readonly noted = new Set<string>();
  private noteValuesOf(name: string): void {
    if (this.noted.has(name)) return;
    this.noted.add(name);
    for (const value of this.nameSites().valuesOf(name)) {
      this.values.assign(name, value);
      this.use.tracker.assign(name, value);
    }
  }

  run(): FileFacts {
    const { parseErrors, root } = parseTree(pythonGrammar(), this.file, this.text, this.lines);
    this.root = root;
    this.facts.parseErrors = parseErrors;
    for (const n of this.nameSites().imports()) this.imports.add(n, this.lines);
    this.facts.imports = this.imports.sites;
    for (const site of this.imports.sites)
      this.noteImport(
        site.module,
        site.names.map((n) => n.imported),
      );
    // any bare call may name a star-imported class: such files are read by walks
    if (this.imports.hasStars() && !this.walk) {
      this.walk = true;
      this.sites = new WalkedPythonNameSites(root);
    }
    for (const { left, right } of this.nameSites().notableAssignments(isNotableAttribute, (n) =>
      Boolean(credentialNameRole(n)),
    ))
      this.assignment(left, right);
    this.values.knownUpTo = Number.POSITIVE_INFINITY;
    const calls = this.nameSites().calls(isInterestingPyCall, this.imports.boundNames());
    // clients first, so V2 client variables are known wherever their methods are called
    for (const n of calls) this.clientCall(n);
    for (const n of calls) this.call(n);
    this.finish(root);
    return redactCredentials(sortFacts(this.facts), this.text);
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

  /**
   * An assignment that may be a fact (name-sites.ts): read in file order, each sees only the values
   * assigned up to it. Every assignment's value is learnt by name when asked (noteValuesOf).
   */
  private assignment(left: SyntaxNode, right: SyntaxNode): void {
    this.values.knownUpTo = right.startIndex;
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
      (dotted && !dotted.includes('.') && !this.imports.isBound(dotted) && !this.definesHere(dotted)
        ? UNBOUND_CLIENTS[dotted]
        : undefined);
    return path && PY_CLIENTS[path] ? path : undefined;
  }

  /** Classes and functions this file defines: a project's own `class KmsTransferAcsClient` is not the vendor's. */
  private defined?: Set<string>;
  private definesHere(name: string): boolean {
    this.defined ??= new Set(
      this.tree()
        .descendantsOfType(['class_definition', 'function_definition'])
        .map((d) => d.childForFieldName('name')?.text ?? ''),
    );
    return this.defined.has(name);
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
    const family = path ? PY_CLIENTS[path] : undefined;
    if (!path || !family) return;
    this.client(node, fnNode, argList, path, family, last);
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
  private escaping(): Set<string> {
    const names = new Set(
      this.facts.clients.flatMap((c) => (c.boundTo ? [c.boundTo.split('.').pop() as string] : [])),
    );
    return new Set([...names].filter((name) => this.nameSites().handedOn(name)));
  }

  private finish(root: SyntaxNode): void {
    const types = {
      resolve: (dotted: string) => this.resolve(dotted),
      kmsAction: legacyRequestAction,
      otherProduct: otherProductOf,
      isCommonRequest: (q: string) => q === COMMON_REQUEST,
    };
    const { kmsCommon } = this.use.finish(
      this.facts,
      this.callsByCreation,
      this.escaping(),
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
