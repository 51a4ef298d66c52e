import type { ts } from 'ts-morph';
import {
  type ApiCall,
  type ArgFact,
  type ClientSite,
  type CredentialRole,
  canonicalAction,
  emptyFacts,
  type FileFacts,
  type KeyReference,
  KMS_ACTIONS,
  LineIndex,
  languageOfPath,
  type SdkFamily,
} from '../../model/index.js';
import {
  type Binding,
  collectBinding,
  processEnvName,
  propName,
  resolveModuleRef,
  unwrap,
} from './bindings.js';
import { tsc } from './compiler.js';
import { parseProblems, parseSource } from './parser.js';
import {
  KMS_API_VERSION,
  KMS_GATEWAY_HOST,
  KMS_INSTANCE_HOST,
  nodeSdk,
  PRODUCT_HOST,
} from './sdk-modules.js';
import { teaSettings } from './tea-endpoint.js';

export { syntaxErrors } from './parser.js';

const ACTIONS = new Set(KMS_ACTIONS);
const CREDENTIAL_PROPS: Record<string, CredentialRole> = {
  accesskeyid: 'access-key-id',
  accesskeysecret: 'access-key-secret',
  securitytoken: 'security-token',
};
const KEY_PARAMS = ['KeyId', 'DestinationKeyId', 'SourceKeyId', 'SecretName'];
/** Shapes that are clearly placeholders, not secrets someone committed. */
const PLACEHOLDER = /^$|^<.*>$|\$\{|^\*+$|^x+$/i;

/** pop-core upper-cases the first letter of the action (unless formatAction:false): `reEncrypt` is `ReEncrypt`. */
export function popCoreAction(name: string): string | undefined {
  if (!name) return undefined;
  const upper = name[0].toUpperCase() + name.slice(1);
  return ACTIONS.has(upper) ? upper : undefined;
}

/** Tea client methods: `reEncrypt`, `reEncryptWithOptions` and any other `With*` form → `ReEncrypt`. */
function teaMethodAction(name: string): string | undefined {
  return canonicalAction(name);
}

/** The name a client expression is stored under: `const c = new X()`, `this.c = new X()`, `{ c: new X() }`. */
function boundName(node: ts.Node): string | undefined {
  let p = node.parent;
  while (p && (tsc.isParenthesizedExpression(p) || tsc.isAsExpression(p) || tsc.isAwaitExpression(p)))
    p = p.parent;
  if (!p) return undefined;
  if (
    tsc.isVariableDeclaration(p) ||
    tsc.isPropertyDeclaration(p) ||
    tsc.isPropertyAssignment(p) ||
    tsc.isParameter(p)
  ) {
    return propName(p.name);
  }
  if (tsc.isBinaryExpression(p) && p.operatorToken.kind === tsc.SyntaxKind.EqualsToken)
    return receiverName(p.left);
  return undefined;
}

/** `client` for `client`, `this.client`, `deps.kms.client`. */
function receiverName(expr: ts.Node): string | undefined {
  expr = unwrap(expr);
  if (tsc.isIdentifier(expr)) return expr.text;
  if (tsc.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

function enclosingFunction(node: ts.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if ((tsc.isFunctionDeclaration(p) || tsc.isMethodDeclaration(p)) && p.name)
      return propName(p.name) ?? p.name.getText();
    if (tsc.isConstructorDeclaration(p)) return 'constructor';
    if ((tsc.isArrowFunction(p) || tsc.isFunctionExpression(p)) && p.parent) {
      const name = tsc.isFunctionExpression(p) && p.name ? p.name.text : boundName(p);
      if (name) return name;
    }
  }
  return undefined;
}

interface ClientInfo {
  site: ClientSite;
  /** An apiVersion literal other than KMS's: the client is for another product. */
  otherApiVersion: boolean;
}

class Extractor {
  private readonly lines: LineIndex;
  private readonly bindings = new Map<string, Binding>();
  /** `const X = <expr>` declarations, to follow an identifier to a literal or object in the same file. */
  private readonly consts = new Map<string, ts.Expression>();
  private readonly news: ts.NewExpression[] = [];
  private readonly callsNodes: ts.CallExpression[] = [];
  private readonly typedNames: { name: string; type: ts.TypeReferenceNode }[] = [];
  /** Names known to hold a client of a family (bound at construction or by a type annotation). */
  private readonly clientNames = new Map<string, SdkFamily>();
  private readonly clients: ClientInfo[] = [];
  private readonly credentialOffsets = new Set<number>();
  /** Requests on a receiver that are not KMS's (`sts.request('AssumeRole')`) or not literal. */
  private readonly otherSends: { receiver: string; action?: string }[] = [];
  /** Names passed to a call, returned, exported or stored elsewhere: such a client may send more than this file shows. */
  private readonly escaping = new Set<string>();
  readonly facts: FileFacts;

  constructor(
    private readonly sf: ts.SourceFile,
    file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
    this.facts = emptyFacts(file, languageOfPath(file) === 'javascript' ? 'javascript' : 'typescript');
  }

  run(): FileFacts {
    this.facts.parseErrors = parseProblems(this.sf, this.lines);
    this.collect(this.sf);
    for (const t of this.typedNames) this.noteTypedName(t.name, t.type);
    for (const n of this.news) this.onNew(n);
    for (const c of this.callsNodes) this.onCall(c);
    this.addActionEvidence();
    this.dropWrappedRequests();
    this.facts.calls.sort((a, b) => a.range.startOffset - b.range.startOffset);
    this.addSends();
    return this.facts;
  }

  /** What each bound pop-core or V2 client is seen executing here (ClientSite.sends). */
  private addSends(): void {
    for (const { site } of this.clients) {
      if (!site.boundTo || (site.family !== 'pop-core' && site.family !== 'tea-kms')) continue;
      const name = site.boundTo;
      const kmsActions = this.facts.calls.filter((c) => c.receiver === name).map((c) => c.action);
      const other = this.otherSends.filter((o) => o.receiver === name);
      if (kmsActions.length === 0 && other.length === 0) continue;
      site.sends = {
        kmsActions,
        otherProducts: other.flatMap((o) => (o.action ? ['other'] : [])),
        untyped: other.filter((o) => !o.action).length,
        escapes: this.escaping.has(name),
      };
    }
  }

  /** Names that leave through an argument, a return, an export or another binding. */
  private noteEscapes(node: ts.Node): void {
    const note = (e: ts.Node | undefined) => {
      const name = e && receiverName(e);
      if (name) this.escaping.add(name);
    };
    if (tsc.isCallExpression(node) || tsc.isNewExpression(node))
      for (const a of node.arguments ?? []) note(a);
    else if (tsc.isReturnStatement(node) || tsc.isExportAssignment(node)) note(node.expression);
    else if (tsc.isShorthandPropertyAssignment(node)) note(node.name);
    else if (tsc.isPropertyAssignment(node) || (tsc.isVariableDeclaration(node) && node.initializer))
      note(unwrap(node.initializer as ts.Expression));
    else if (tsc.isExportSpecifier(node)) note(node.propertyName ?? node.name);
    else if (
      tsc.isVariableStatement(node) &&
      node.modifiers?.some((m) => m.kind === tsc.SyntaxKind.ExportKeyword)
    )
      for (const d of node.declarationList.declarations) note(d.name);
  }

  private range(node: ts.Node) {
    return this.lines.range(node.getStart(this.sf), node.end);
  }

  /** One pass over the tree with an explicit stack: deeply nested input cannot overflow the call stack here. */
  private collect(root: ts.Node): void {
    const stack: ts.Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      this.visit(node);
      const children: ts.Node[] = [];
      tsc.forEachChild(node, (c) => {
        children.push(c);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }

  private visit(node: ts.Node): void {
    const mayBind =
      tsc.isImportDeclaration(node) || tsc.isImportEqualsDeclaration(node) || tsc.isVariableDeclaration(node);
    const before = mayBind ? new Map(this.bindings) : this.bindings;
    const module = mayBind ? collectBinding(node, this.bindings) : undefined;
    if (module) this.onImport(node, module, before);
    if (tsc.isVariableDeclaration(node) && tsc.isIdentifier(node.name) && node.initializer) {
      this.consts.set(node.name.text, node.initializer);
    }
    if (
      (tsc.isParameter(node) || tsc.isPropertyDeclaration(node) || tsc.isVariableDeclaration(node)) &&
      node.type &&
      tsc.isTypeReferenceNode(node.type)
    ) {
      const name = propName(node.name);
      if (name) this.typedNames.push({ name, type: node.type });
    }
    if (tsc.isNewExpression(node)) this.news.push(node);
    else if (tsc.isCallExpression(node)) this.callsNodes.push(node);
    this.noteEscapes(node);
  }

  private onImport(node: ts.Node, module: string, before: Map<string, Binding>): void {
    const names: { imported: string; local: string }[] = [];
    for (const [local, b] of this.bindings)
      if (before.get(local) !== b) names.push({ imported: b.imported, local });
    this.facts.imports.push({ module, names, range: this.range(node) });
    if (nodeSdk(module)?.kmsModels) this.facts.usesKmsModels = true;
  }

  /** The string an expression certainly holds, following same-file consts; templates keep their literal parts. */
  private stringValue(expr: ts.Node | undefined, depth = 0): string | undefined {
    if (!expr || depth > 4) return undefined;
    expr = unwrap(expr);
    if (tsc.isStringLiteralLike(expr)) return expr.text;
    if (tsc.isTemplateExpression(expr)) {
      return expr.head.text + expr.templateSpans.map((s) => `x${s.literal.text}`).join('');
    }
    if (tsc.isIdentifier(expr)) return this.stringValue(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  /** The literal node behind an expression (for credential locations), following same-file consts. */
  private literalNode(expr: ts.Node | undefined, depth = 0): ts.StringLiteralLike | undefined {
    if (!expr || depth > 4) return undefined;
    expr = unwrap(expr);
    if (tsc.isStringLiteralLike(expr)) return expr;
    if (tsc.isIdentifier(expr)) return this.literalNode(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  private objectLiteral(expr: ts.Node | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (!expr || depth > 4) return undefined;
    expr = unwrap(expr);
    if (tsc.isObjectLiteralExpression(expr)) return expr;
    if (tsc.isIdentifier(expr)) return this.objectLiteral(this.consts.get(expr.text), depth + 1);
    return undefined;
  }

  /** Each property of an object literal with the expression that gives its value (shorthand included). */
  private properties(
    obj: ts.ObjectLiteralExpression,
  ): { name: string; node: ts.Node; value: ts.Expression }[] {
    const out: { name: string; node: ts.Node; value: ts.Expression }[] = [];
    for (const p of obj.properties) {
      if (tsc.isPropertyAssignment(p)) {
        const name = propName(p.name);
        if (name) out.push({ name, node: p, value: p.initializer });
      } else if (tsc.isShorthandPropertyAssignment(p)) {
        out.push({ name: p.name.text, node: p, value: p.name });
      }
    }
    return out;
  }

  private noteTypedName(name: string, type: ts.TypeReferenceNode): void {
    const tn = type.typeName;
    let ref: Binding | undefined;
    if (tsc.isIdentifier(tn)) ref = this.bindings.get(tn.text);
    else {
      const base = tsc.isIdentifier(tn.left) ? this.bindings.get(tn.left.text) : undefined;
      if (base && (base.imported === 'default' || base.imported === '*'))
        ref = { module: base.module, imported: tn.right.text };
    }
    const family = ref && this.clientFamily(ref);
    if (family) this.clientNames.set(name, family);
  }

  private clientFamily(ref: Binding): SdkFamily | undefined {
    const sdk = nodeSdk(ref.module);
    if (!sdk) return undefined;
    const exported = ref.imported === '*' ? 'default' : ref.imported;
    return sdk.clientExports.includes(exported) ? sdk.family : undefined;
  }

  private onNew(node: ts.NewExpression): void {
    const ref = resolveModuleRef(node.expression, this.bindings);
    if (!ref) return;
    const sdk = nodeSdk(ref.module);
    if (!sdk) return;
    const family = this.clientFamily(ref);
    if (!family) {
      // `new $Kms20160120.ReEncryptRequest({...})`: a KMS request model.
      if (sdk.kmsModels && ref.imported.endsWith('Request')) {
        const action = popCoreAction(ref.imported.slice(0, -'Request'.length));
        if (action) {
          this.facts.usesKmsModels = true;
          this.facts.calls.push({
            action,
            form: 'request-class',
            range: this.range(node),
            family: sdk.family,
          });
          this.keyRefsFrom(node.arguments?.[0]);
        }
      }
      return;
    }
    this.onClient(node, ref, family, sdk.evidence);
  }

  private onClient(
    node: ts.NewExpression,
    ref: Binding,
    family: SdkFamily,
    evidence: ClientSite['evidence'],
  ): void {
    const args: ArgFact[] = [];
    const site: ClientSite = {
      family,
      constructorName: node.expression.getText(this.sf),
      qualifiedName:
        ref.imported === 'default' || ref.imported === '*' ? ref.module : `${ref.module}.${ref.imported}`,
      range: this.range(node),
      calleeRange: this.range(node.expression),
      argsRange: this.argsRange(node),
      args,
      evidence: [...evidence],
      otherProducts: [],
    };
    const bound = boundName(node);
    if (bound) {
      site.boundTo = bound;
      this.clientNames.set(bound, family);
    }
    const fn = enclosingFunction(node);
    if (fn) site.enclosingFunction = fn;
    for (const a of node.arguments ?? []) {
      const arg: ArgFact = { text: a.getText(this.sf), range: this.range(a) };
      const lit = tsc.isStringLiteralLike(a) ? a.text : undefined;
      if (lit !== undefined) arg.literal = lit;
      args.push(arg);
      const obj = this.objectLiteral(a);
      if (!obj) continue;
      for (const p of this.properties(obj)) {
        const named: ArgFact = { text: p.value.getText(this.sf), range: this.range(p.node), name: p.name };
        const value = this.stringValue(p.value);
        if (value !== undefined) named.literal = value;
        args.push(named);
        this.evidenceFromProperty(site, p.name, value);
      }
    }
    this.credentialsIn(node, site.constructorName);
    if (family === 'tea-kms') {
      const settings = teaSettings(node, this.sf, this.bindings, this.lines);
      if (settings.endpoint) site.endpoint = settings.endpoint;
      if (settings.ca) site.ca = settings.ca;
    }
    this.facts.clients.push(site);
    const apiVersion = args.find((a) => a.name === 'apiVersion')?.literal;
    this.clients.push({ site, otherApiVersion: apiVersion !== undefined && apiVersion !== KMS_API_VERSION });
  }

  private argsRange(node: ts.NewExpression) {
    const text = this.sf.text;
    const open = text.indexOf('(', node.expression.end);
    if (open < 0 || open >= node.end) return this.lines.range(node.end, node.end);
    return this.lines.range(open, node.end);
  }

  private evidenceFromProperty(site: ClientSite, name: string, value: string | undefined): void {
    if (value === undefined) return;
    if (name === 'apiVersion' && value === KMS_API_VERSION && !site.evidence.includes('api-version')) {
      site.evidence.push('api-version');
    }
    if (name === 'endpoint') {
      if (KMS_INSTANCE_HOST.test(value)) return;
      if (KMS_GATEWAY_HOST.test(value)) {
        if (!site.evidence.includes('kms-endpoint')) site.evidence.push('kms-endpoint');
      } else {
        const product = PRODUCT_HOST.exec(value)?.[1]?.toLowerCase();
        if (product && product !== 'kms' && !site.otherProducts.includes(product))
          site.otherProducts.push(product);
      }
    }
  }

  /** Credential literals anywhere in a client's arguments, including a nested `new Config({...})`. */
  private credentialsIn(root: ts.NewExpression, sink: string): void {
    const seen = new Set<ts.Node>();
    const stack: ts.Node[] = [...(root.arguments ?? [])];
    while (stack.length > 0) {
      const n = stack.pop() as ts.Node;
      if (seen.has(n)) continue;
      seen.add(n);
      if (tsc.isObjectLiteralExpression(n)) {
        for (const p of this.properties(n)) {
          const role = CREDENTIAL_PROPS[p.name.toLowerCase().replace(/_/g, '')];
          if (!role) continue;
          const lit = this.literalNode(p.value);
          if (!lit || PLACEHOLDER.test(lit.text)) continue;
          const start = lit.getStart(this.sf);
          if (this.credentialOffsets.has(start)) continue;
          this.credentialOffsets.add(start);
          this.facts.credentials.push({ role, range: this.range(lit), sink });
        }
      }
      // `new Core(options)` with `const options = {...}` elsewhere in the file.
      if (tsc.isIdentifier(n)) {
        const obj = this.objectLiteral(n);
        if (obj) stack.push(obj);
      }
      tsc.forEachChild(n, (c) => {
        stack.push(c);
      });
    }
  }

  private onCall(node: ts.CallExpression): void {
    const callee = unwrap(node.expression);
    if (!tsc.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const receiver = receiverName(callee.expression);
    const known = receiver ? this.clientNames.get(receiver) : undefined;
    if (method === 'request') {
      const family = known ?? (this.importsFamily('pop-core') ? 'pop-core' : undefined);
      if (family === undefined && receiver) {
        this.onImportedClientRequest(node, receiver);
        return;
      }
      if (family !== 'pop-core' && family !== 'transfer') return;
      if (this.talksToOtherProduct(receiver)) return;
      const name = this.stringValue(node.arguments[0]);
      const action = popCoreAction(name ?? '');
      if (!action) {
        if (receiver) this.otherSends.push({ receiver, ...(name !== undefined ? { action: name } : {}) });
        return;
      }
      this.pushCall({ action, form: 'pop-core-request', range: this.range(node), family }, receiver);
      this.keyRefsFrom(node.arguments[1]);
      return;
    }
    // `client.doRequest('ReEncrypt', ...)`: a V2 client reaching an action its version has no method for.
    if (
      method === 'doRequest' &&
      (known ?? (this.importsFamily('tea-kms') ? 'tea-kms' : undefined)) === 'tea-kms'
    ) {
      const action = popCoreAction(this.stringValue(node.arguments[0]) ?? '');
      if (action)
        this.pushCall(
          { action, form: 'common-request', range: this.range(node), family: 'tea-kms' },
          receiver,
        );
      return;
    }
    // A receiver we cannot place counts only when it is handed a KMS request model (`x.encrypt(new $Kms.EncryptRequest())`).
    const family =
      known ?? (this.importsFamily('tea-kms') && this.hasKmsRequestArg(node) ? 'tea-kms' : undefined);
    if (family !== 'tea-kms') return;
    const action = teaMethodAction(method);
    if (!action) return;
    this.pushCall({ action, form: 'client-method', range: this.range(node), family }, receiver);
  }

  /** `kms.request('ReEncrypt', ...)` where `kms` comes from `./kms`: recorded for the application pass. */
  private onImportedClientRequest(node: ts.CallExpression, receiver: string): void {
    const binding = this.bindings.get(receiver);
    if (!binding?.module.startsWith('.')) return;
    const action = popCoreAction(this.stringValue(node.arguments[0]) ?? '');
    if (!action) return;
    const call: ApiCall = {
      action,
      form: 'pop-core-request',
      range: this.range(node),
      family: 'pop-core',
      receiver,
    };
    this.facts.importedClientCalls ??= [];
    this.facts.importedClientCalls.push({ call, module: binding.module, imported: binding.imported });
  }

  private hasKmsRequestArg(node: ts.CallExpression): boolean {
    return node.arguments.some((a) => {
      let e: ts.Node | undefined = unwrap(a);
      if (tsc.isIdentifier(e)) e = this.consts.get(e.text);
      if (!e || !tsc.isNewExpression(e)) return false;
      const ref = resolveModuleRef(e.expression, this.bindings);
      return ref !== undefined && nodeSdk(ref.module)?.kmsModels === true && ref.imported.endsWith('Request');
    });
  }

  /**
   * `ecs.request('DescribeRegions')` on a client built for ECS is not a KMS call even though KMS has an
   * action of that name: the receiver (or, when it is unknown, every pop-core client here) is for another product.
   */
  private talksToOtherProduct(receiver: string | undefined): boolean {
    const pop = this.clients.filter((c) => c.site.family === 'pop-core');
    const isOther = (c: ClientInfo) => c.otherApiVersion || c.site.otherProducts.length > 0;
    const mine = pop.filter((c) => c.site.boundTo !== undefined && c.site.boundTo === receiver);
    if (mine.length > 0) return mine.every(isOther);
    return pop.length > 0 && pop.every(isOther);
  }

  private pushCall(call: ApiCall, receiver: string | undefined): void {
    if (receiver) call.receiver = receiver;
    this.facts.calls.push(call);
  }

  private importsFamily(family: SdkFamily): boolean {
    for (const b of this.bindings.values()) if (nodeSdk(b.module)?.family === family) return true;
    return false;
  }

  /** A pop-core client whose `request(...)` names KMS actions is a KMS client. */
  private addActionEvidence(): void {
    const pop = this.clients.filter((c) => c.site.family === 'pop-core');
    for (const call of this.facts.calls) {
      if (call.form !== 'pop-core-request') continue;
      const targets = pop.filter((c) => c.site.boundTo !== undefined && c.site.boundTo === call.receiver);
      for (const c of targets.length ? targets : pop.length === 1 ? pop : []) {
        if (!c.site.evidence.includes('kms-actions')) c.site.evidence.push('kms-actions');
      }
    }
  }

  /** `client.reEncrypt(new ReEncryptRequest())` is one call, not two. */
  private dropWrappedRequests(): void {
    const methods = this.facts.calls.filter((c) => c.form === 'client-method');
    this.facts.calls = this.facts.calls.filter(
      (c) =>
        c.form !== 'request-class' ||
        !methods.some(
          (m) =>
            m.action === c.action &&
            m.range.startOffset <= c.range.startOffset &&
            c.range.endOffset <= m.range.endOffset,
        ),
    );
  }

  private keyRefsFrom(arg: ts.Node | undefined): void {
    const obj = this.objectLiteral(arg);
    if (!obj) return;
    for (const p of this.properties(obj)) {
      const parameter = KEY_PARAMS.find((k) => k.toLowerCase() === p.name.toLowerCase());
      if (!parameter) continue;
      const ref: KeyReference = { range: this.range(p.node), parameter };
      const env = this.envLookup(p.value);
      if (env) {
        ref.envName = env.name;
        if (env.fallback !== undefined) ref.literal = env.fallback;
      } else {
        // Only an exact literal names a key: a template's text is not the value it builds.
        const literal = this.literalNode(p.value)?.text;
        if (literal !== undefined) ref.literal = literal;
      }
      this.facts.keyRefs.push(ref);
    }
  }

  /**
   * `process.env.X` / `process.env['X']`, following same-file consts, with the literal of a
   * `|| 'key-…'` / `?? 'alias/…'` default: the key used wherever X is unset.
   */
  private envLookup(expr: ts.Node | undefined, depth = 0): { name: string; fallback?: string } | undefined {
    if (!expr || depth > 4) return undefined;
    expr = unwrap(expr);
    if (
      tsc.isBinaryExpression(expr) &&
      (expr.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken ||
        expr.operatorToken.kind === tsc.SyntaxKind.BarBarToken)
    ) {
      const left = this.envLookup(expr.left, depth + 1);
      if (!left) return undefined;
      return { name: left.name, fallback: left.fallback ?? this.literalNode(expr.right)?.text };
    }
    if (tsc.isIdentifier(expr)) return this.envLookup(this.consts.get(expr.text), depth + 1);
    const name = processEnvName(expr);
    return name === undefined ? undefined : { name };
  }
}

/** TS/JS facts from one parse (ARCHITECTURE.md: one parse per file, all rules on its facts). */
export function extract(file: string, text: string): FileFacts {
  return new Extractor(parseSource(file, text), file, text).run();
}
