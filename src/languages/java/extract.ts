import {
  type ApiCall,
  type ClientSite,
  type CredentialRole,
  emptyFacts,
  type FileFacts,
  type KmsEvidence,
} from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { lookupTable } from '../../model/lookup-table.js';
import { LineIndex } from '../../model/range.js';
import { addCredential, addKeyRef, addNamedCredential, clientSite } from '../tree-sitter/fact-sinks.js';
import { AncestorFunctions, unwrapParent } from '../tree-sitter/function-index.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { guardedExtract, sortFacts } from '../tree-sitter/guarded-extract.js';
import { credentialRole, KMS_API_VERSION, KMS_ENDPOINT, keyParameter } from '../tree-sitter/kms-names.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { parseTree } from '../tree-sitter/parse-and-capture.js';
import { inStringOf, rawHttpCalls } from '../tree-sitter/raw-http.js';
import { redactCredentials } from '../tree-sitter/redact.js';
import { bracketDepth } from '../tree-sitter/text-occurrences.js';
import { EXECUTE_METHODS, JavaClientUse } from './client-use.js';
import { JavaImports } from './imports.js';
import {
  isKnownJavaType,
  JAVA_CLIENTS,
  LEGACY_KMS_MODELS,
  legacyKmsRequestAction,
  otherProductOf,
  TEA_KMS_MODELS,
  teaKmsModel,
  UNQUALIFIED_CLIENTS,
} from './known-types.js';
import { JavaNameSites, type JavaSites } from './name-sites.js';
import { JavaParameterOwners } from './parameter-owners.js';
import { javaGrammar } from './parser.js';
import { javaArgs, javaBoundTo, receiverName } from './site.js';
import { JavaValues, javaString } from './values.js';
import { WalkedJavaNameSites } from './walked-name-sites.js';

/**
 * One parse, then facts from the nodes the text points at (name-sites.ts), or from walks over the tree
 * for a deeply nested file (walked-name-sites.ts); `sites` forces one of the two. Never throws (see
 * guardedExtract).
 */
export function extract(file: string, text: string, sites?: 'text' | 'walk'): FileFacts {
  const walk = sites ? sites === 'walk' : bracketDepth(text) > DEEP_NESTING;
  return guardedExtract(file, 'java', () => new JavaExtraction(file, text, walk).run());
}

/** Real code nests a few dozen levels; past this, offset look-ups (O(depth) each) lose to walks. */
const DEEP_NESTING = 200;

const FUNCTION_KINDS = new Set(['method_declaration', 'constructor_declaration', 'static_initializer']);
const COMMON_ACTION_SETTERS = new Set(['setSysAction', 'setAction', 'setActionName', 'setSysActionName']);
const ENDPOINT_SETTERS = new Set([
  'setSysDomain',
  'setDomain',
  'setSysEndpoint',
  'setEndpoint',
  'addEndpoint',
]);
const VERSION_SETTERS = new Set(['setSysVersion', 'setVersion']);
const WRAPPERS = new Set(['parenthesized_expression', 'cast_expression']);
const JAVA_STRINGS = new Set(['string_literal', 'string_fragment', 'multiline_string_fragment']);
const PARAM_SETTERS = new Set(['putQueryParameter', 'putBodyParameter']);
/** Positional credential arguments of the legacy credential helpers. */
const CREDENTIAL_POSITIONS = lookupTable<CredentialRole[]>({
  getProfile: ['access-key-id', 'access-key-secret', 'security-token'], // after the region argument
  BasicCredentials: ['access-key-id', 'access-key-secret'],
  BasicSessionCredentials: ['access-key-id', 'access-key-secret', 'security-token'],
});

function isInterestingMethod(name: string): boolean {
  return (
    name === 'getProfile' ||
    EXECUTE_METHODS.has(name) ||
    name.startsWith('set') ||
    name === 'addEndpoint' ||
    PARAM_SETTERS.has(name) ||
    (/^[a-z]/.test(name) && canonicalAction(name) !== undefined)
  );
}

class JavaExtraction {
  private readonly lines: LineIndex;
  private root?: SyntaxNode;
  private sites?: JavaSites;
  private readonly functions = new AncestorFunctions(
    () => this.tree(),
    FUNCTION_KINDS,
    (n) => (n.type === 'static_initializer' ? '<static>' : n.childForFieldName('name')?.text),
  );
  private readonly facts: FileFacts;
  private readonly imports = new JavaImports();
  private readonly values = new JavaValues();
  /** Variables/fields holding a tea-kms or V2-transfer client (declared type or assignment). */
  private readonly teaClientNames = new Set<string>();
  private readonly otherProducts = new Set<string>();
  private readonly evidence = new Set<KmsEvidence>();
  private sawCommonRequest = false;
  /** Legacy KMS request classes are imported or built here: evidence for legacy clients. */
  private legacyKms = false;
  private readonly parameters = new JavaParameterOwners(this.functions);
  private readonly use: JavaClientUse;
  /** KMS request-class calls by the offset of their `new`, so the client that executes them can be named. */
  private readonly callsByCreation = new Map<number, ApiCall>();
  /** Fields and parameters injected by `@Qualifier("bean")`: the bean name they are known by. */
  private readonly qualifiers = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly walk: boolean,
  ) {
    if (walk) this.functions.useRangeIndex();
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, 'java');
    this.use = new JavaClientUse(this.lines, this.functions, this.parameters, this.values);
    // Declarations and assignments are found by name when a name is first looked up (name-sites.ts).
    this.values.onFirstAsk = (name) => this.noteValuesOf(name);
    this.use.tracker.assigned.onFirstAsk = (name) => this.noteValuesOf(name);
  }

  private tree(): SyntaxNode {
    if (!this.root) throw new Error('the Java file is not parsed yet');
    return this.root;
  }

  private nameSites(): JavaSites {
    this.sites ??= this.walk
      ? new WalkedJavaNameSites(this.tree())
      : new JavaNameSites(this.text, this.tree());
    return this.sites;
  }

  /** Both look-ups (first assignment, latest before a use) learn a name's values at once, declarators first. */
  private readonly noted = new Set<string>();
  private noteValuesOf(name: string): void {
    if (this.noted.has(name)) return;
    this.noted.add(name);
    const { declared, assigned } = this.nameSites().valuesOf(name);
    for (const value of [...declared, ...assigned]) {
      this.values.assign(name, value);
      this.use.tracker.assign(name, value);
    }
  }

  run(): FileFacts {
    const { parseErrors, root } = parseTree(javaGrammar(), this.file, this.text, this.lines);
    this.root = root;
    this.facts.parseErrors = parseErrors;
    const sites = this.nameSites();
    for (const n of sites.imports()) this.imports.add(n, this.lines);
    this.facts.imports = this.imports.sites;
    for (const site of this.imports.sites) this.noteImport(site.module);
    for (const { name, value } of sites.stringDeclarators())
      addNamedCredential(this.facts, this.lines, name, this.values.origin(value));
    for (const n of sites.notableDeclarations()) this.typed(n);
    for (const { left, right } of sites.fieldWrites()) this.fieldWrite(left, right);
    for (const n of sites.creations()) this.creation(n);
    for (const n of sites.calls(isInterestingMethod)) this.invocation(n);
    this.finish(root);
    return redactCredentials(sortFacts(this.facts), this.text);
  }

  private resolve(written: string): string | undefined {
    return this.imports.resolve(written, isKnownJavaType);
  }

  private noteImport(module: string): void {
    if (module.startsWith(`${LEGACY_KMS_MODELS}.`)) this.legacyKms = true;
    if (this.legacyKms || module.startsWith(`${TEA_KMS_MODELS}.`)) this.facts.usesKmsModels = true;
    const product = otherProductOf(module.replace(/\.\*$/, '.X'));
    if (product) this.otherProducts.add(product);
    if (module === 'com.aliyuncs.CommonRequest' || module === 'com.aliyuncs.*') this.sawCommonRequest = true;
  }

  /** Fields/locals/parameters: remember `@Value("${...}")` names and names typed as tea-kms clients. */
  private typed(node: SyntaxNode): void {
    const source = node.text;
    if (!source.includes('Client') && !source.includes('@')) return;
    const type = node.childForFieldName('type');
    // most declarations are neither client-typed nor annotated: skip them before any resolving
    if (!type || (!type.text.endsWith('Client') && node.firstNamedChild?.type !== 'modifiers')) return;
    const names =
      node.type === 'formal_parameter'
        ? [node.childForFieldName('name')?.text]
        : node.childrenForFieldName('declarator').map((d) => d.childForFieldName('name')?.text);
    const fqn = type ? this.resolve(type.text) : undefined;
    const family = fqn ? JAVA_CLIENTS[fqn] : undefined;
    const placeholder = this.valueAnnotation(node);
    const qualifier = this.annotationString(node, 'Qualifier');
    for (const name of names) {
      if (!name) continue;
      if (qualifier) this.qualifiers.set(name, qualifier);
      if (
        family === 'tea-kms' ||
        fqn === 'com.aliyun.kms.kms20160120.TransferClient' ||
        fqn === 'com.aliyun.kms.kms20160120.Client'
      )
        this.teaClientNames.add(name);
      if (placeholder) this.values.configured(name, placeholder);
    }
  }

  /** The first string of `@Name("x")`, `@Name(value = "x")`, `@Name(name = {"x"})` among a declaration's modifiers. */
  private annotationString(node: SyntaxNode | null, name: string): string | undefined {
    const modifiers = node?.namedChildren.find((c) => c.type === 'modifiers');
    for (const a of modifiers?.namedChildren ?? []) {
      if (a.type !== 'annotation' && a.type !== 'marker_annotation') continue;
      if (a.childForFieldName('name')?.text !== name) continue;
      const literal = a.descendantsOfType('string_literal')[0];
      return literal ? javaString(literal) : '';
    }
    return undefined;
  }

  /** `return new DefaultAcsClient(...)` in a method: the bean it defines (`@Bean("x")` or the method's name). */
  private beanName(node: SyntaxNode): string | undefined {
    // parents are walked from the root by the native binding: a bounded climb keeps deep nesting cheap
    const { parent: cur } = unwrapParent(node, WRAPPERS);
    if (cur?.type !== 'return_statement') return undefined;
    let p: SyntaxNode | null = cur.parent;
    for (let i = 0; p && i < 12; i++, p = p.parent) {
      if (p.type === 'lambda_expression' || p.type === 'class_body') return undefined;
      if (p.type === 'method_declaration') {
        const named = this.annotationString(p, 'Bean');
        return named || p.childForFieldName('name')?.text;
      }
    }
    return undefined;
  }

  private valueAnnotation(node: SyntaxNode): string | undefined {
    const modifiers = node.namedChildren.find((c) => c.type === 'modifiers');
    for (const a of modifiers?.namedChildren ?? []) {
      if (a.type !== 'annotation' || a.childForFieldName('name')?.text !== 'Value') continue;
      const arg = a.childForFieldName('arguments')?.namedChildren[0];
      const literal = javaString(arg?.type === 'element_value_pair' ? arg.childForFieldName('value') : arg);
      const m = literal === undefined ? null : /^\$\{([^}:]+)/.exec(literal);
      if (m) return m[1];
    }
    return undefined;
  }

  /** `config.endpoint = …` (read per variable by client-use.ts) and tea Config credentials, `config.accessKeyId = "…"`. */
  private fieldWrite(left: SyntaxNode, right: SyntaxNode): void {
    this.use.fieldAssigned(left, right);
    if (!this.aliyunFile()) return;
    const role = credentialRole(left.childForFieldName('field')?.text ?? '');
    if (role && role !== 'password') this.credential(right, role, 'com.aliyun.teaopenapi.models.Config');
  }

  private creation(node: SyntaxNode): void {
    const typeNode = node.childForFieldName('type');
    const args = node.childForFieldName('arguments');
    if (!typeNode || !args) return;
    const written =
      typeNode.type === 'generic_type' ? (typeNode.namedChildren[0]?.text ?? '') : typeNode.text;
    const simple = written.slice(written.lastIndexOf('.') + 1);
    const fqn =
      this.resolve(written) ??
      (this.imports.importsSimpleName(simple) ? undefined : UNQUALIFIED_CLIENTS[written]);
    if (!fqn) return;
    const family = JAVA_CLIENTS[fqn];
    if (family) {
      this.client(node, typeNode, args, fqn, family, simple);
      return;
    }
    const action = legacyKmsRequestAction(fqn);
    if (action) {
      this.facts.usesKmsModels = true;
      this.legacyKms = true;
      const call: ApiCall = {
        action,
        form: 'request-class',
        range: nodeRange(node, this.lines),
        family: 'legacy-core',
      };
      this.callsByCreation.set(node.startIndex, call);
      this.call(call);
      return;
    }
    if (teaKmsModel(fqn)) {
      this.facts.usesKmsModels = true;
      return;
    }
    const product = otherProductOf(fqn);
    if (product) this.otherProducts.add(product);
    if (fqn === 'com.aliyuncs.CommonRequest') {
      this.sawCommonRequest = true;
      const bound = javaBoundTo(node);
      if (bound) this.use.tracker.commonCreated(bound, node);
    }
    const roles = CREDENTIAL_POSITIONS[simple];
    if (roles && fqn.startsWith('com.aliyuncs.auth.')) {
      const list = args.namedChildren;
      for (const [i, role] of roles.entries()) this.credential(list[i], role, simple);
    }
  }

  private client(
    node: SyntaxNode,
    typeNode: SyntaxNode,
    args: SyntaxNode,
    fqn: string,
    family: ClientSite['family'],
    simple: string,
  ): void {
    const boundTo = javaBoundTo(node);
    if (boundTo && (family === 'tea-kms' || fqn.startsWith('com.aliyun.kms.kms20160120.')))
      this.teaClientNames.add(boundTo);
    const site = clientSite(this.lines, this.functions, {
      family,
      constructorName: simple,
      qualifiedName: fqn,
      node,
      callee: typeNode,
      argList: args,
      args: javaArgs(args, this.lines),
      evidence: family === 'legacy-core' ? [] : ['kms-package'],
      boundTo,
    });
    if (!boundTo) {
      const bean = this.beanName(node);
      if (bean) site.beanName = bean;
    }
    this.facts.clients.push(site);
    if (family === 'tea-kms') this.use.teaClient(site, args.namedChildren[0], node);
  }

  private invocation(node: SyntaxNode): void {
    const name = node.childForFieldName('name')?.text ?? '';
    // most calls (getAcsResponse, log.info, ...) matter to no fact: decide on the name alone
    if (!isInterestingMethod(name)) return;
    const object = node.childForFieldName('object');
    const argList = node.childForFieldName('arguments');
    const args = argList?.namedChildren ?? [];
    if (name === 'getProfile' && object && /(^|\.)DefaultProfile$/.test(object.text)) {
      for (const [i, role] of (CREDENTIAL_POSITIONS.getProfile ?? []).entries()) {
        this.credential(args[i + 1], role, 'DefaultProfile.getProfile');
      }
      return;
    }
    if (EXECUTE_METHODS.has(name)) {
      this.use.tracker.execution(node, receiverName(object), args[0]);
      return;
    }
    // CommonRequest and tea Config setters are read per variable (client-use.ts)
    const recorded = this.use.setter(node, object, name, args);
    if (COMMON_ACTION_SETTERS.has(name)) return;
    if (ENDPOINT_SETTERS.has(name)) {
      if (args.some((a) => KMS_ENDPOINT.test(this.values.origin(a).literal ?? '')))
        this.evidence.add('kms-endpoint');
      return;
    }
    if (VERSION_SETTERS.has(name)) {
      if (this.values.origin(args[0]).literal === KMS_API_VERSION) this.evidence.add('api-version');
      return;
    }
    if (recorded && !PARAM_SETTERS.has(name)) return;
    if (PARAM_SETTERS.has(name) && args.length === 2) {
      const param = keyParameter(this.values.origin(args[0]).literal ?? '');
      if (param) this.keyRef(args[1], param);
      return;
    }
    if (name.startsWith('set') && args.length === 1) {
      const param = keyParameter(name.slice(3));
      if (param) {
        this.keyRef(args[0], param);
        return;
      }
      const role = credentialRole(name.slice(3));
      // a password only matters as the KMS instance client-key password, not a DataSource's
      const instanceConfig =
        role === 'password' ? this.imports.anyModule((m) => m.startsWith('com.aliyun.dkms.gcs.')) : true;
      if (role && instanceConfig && this.aliyunFile()) this.credential(args[0], role, `${name}()`);
      return;
    }
    this.teaMethod(node, name, object, args);
  }

  /** V2 (tea) client methods: `client.reEncrypt(req)`, `client.encryptWithOptions(req, runtime)`. */
  private teaMethod(node: SyntaxNode, name: string, object: SyntaxNode | null, args: SyntaxNode[]): void {
    if (!/^[a-z]/.test(name)) return;
    const action = canonicalAction(name);
    if (!action) return;
    const receiver = receiverName(object);
    const onTeaClient = receiver !== undefined && this.teaClientNames.has(receiver);
    const withTeaRequest = args.some((a) => this.isTeaRequest(a));
    if (!onTeaClient && !withTeaRequest) return;
    this.facts.usesKmsModels = true;
    this.call({
      action,
      form: 'client-method',
      range: nodeRange(node, this.lines),
      family: 'tea-kms',
      receiver: object?.text,
    });
  }

  private isTeaRequest(arg: SyntaxNode, depth = 0): boolean {
    let cur: SyntaxNode | null = arg;
    // new EncryptRequest().setKeyId(..) chains: the creation sits at the bottom of the object chain
    for (let i = 0; cur && i < 32 && cur.type === 'method_invocation'; i++)
      cur = cur.childForFieldName('object');
    if (cur?.type === 'identifier' && depth < 4) {
      const init = this.values.initializer(cur.text);
      if (init) return this.isTeaRequest(init, depth + 1);
    }
    if (cur?.type !== 'object_creation_expression') return false;
    const fqn = this.resolve(cur.childForFieldName('type')?.text ?? '');
    return fqn !== undefined && teaKmsModel(fqn);
  }

  private aliyunFile(): boolean {
    return this.imports.anyModule((m) => m.startsWith('com.aliyuncs.') || m.startsWith('com.aliyun.'));
  }

  private call(call: ApiCall): void {
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
    const names = new Set(this.facts.clients.flatMap((c) => (c.boundTo ? [c.boundTo] : [])));
    return new Set([...names].filter((name) => this.nameSites().handedOn(name)));
  }

  private finish(root: SyntaxNode): void {
    const sdkFile = this.sawCommonRequest || this.aliyunFile();
    const types = {
      resolveType: (written: string) => this.resolve(written),
      kmsAction: legacyKmsRequestAction,
      otherProduct: otherProductOf,
    };
    const { kmsCommon } = this.use.finish(
      this.facts,
      this.callsByCreation,
      this.escaping(),
      types,
      sdkFile,
      this.qualifiers,
    );
    if (kmsCommon) this.evidence.add('kms-actions');
    this.facts.calls.push(
      ...rawHttpCalls(this.text, this.lines, this.facts.calls, inStringOf(root, JAVA_STRINGS)),
    );
    if (this.legacyKms) this.evidence.add('kms-requests');
    if (!this.facts.usesKmsModels && this.facts.calls.length > 0) this.facts.usesKmsModels = true;
    const products = [...this.otherProducts].sort();
    for (const c of this.facts.clients) {
      if (c.family === 'legacy-core') c.evidence = [...this.evidence].sort();
      c.otherProducts = products;
    }
  }
}
