import type { ts } from 'ts-morph';
import { credentialLooks, credentialNameRole } from '../../model/credential-looks.js';
import type { ArgFact, ClientSite, CredentialRole, SdkFamily } from '../../model/index.js';
import { lookupTable } from '../../model/lookup-table.js';
import { type Binding, resolveModuleRef } from './bindings.js';
import { tsc } from './compiler.js';
import { boundName, enclosingFunction, popCoreAction } from './declared-names.js';
import type { FileScope } from './file-scope.js';
import { keyRefsFrom } from './key-refs.js';
import {
  KMS_API_VERSION,
  KMS_GATEWAY_HOST,
  KMS_INSTANCE_HOST,
  nodeSdk,
  PRODUCT_HOST,
} from './sdk-modules.js';
import { teaSettings } from './tea-endpoint.js';

const CREDENTIAL_PROPS = lookupTable<CredentialRole>({
  accesskeyid: 'access-key-id',
  accesskeysecret: 'access-key-secret',
  securitytoken: 'security-token',
});

/** The client family a module export builds, if it is a client class of a known SDK. */
export function clientFamily(ref: Binding): SdkFamily | undefined {
  const sdk = nodeSdk(ref.module);
  if (!sdk) return undefined;
  const exported = ref.imported === '*' ? 'default' : ref.imported;
  return sdk.clientExports.includes(exported) ? sdk.family : undefined;
}

/** `kms: RPCClient`, `private client: Kms.default`: the name holds a client of that family. */
export function noteTypedNames(scope: FileScope): void {
  for (const { name, type } of scope.typedNames) {
    const tn = type.typeName;
    let ref: Binding | undefined;
    if (tsc.isIdentifier(tn)) ref = scope.bindings.get(tn.text);
    else {
      const base = tsc.isIdentifier(tn.left) ? scope.bindings.get(tn.left.text) : undefined;
      if (base && (base.imported === 'default' || base.imported === '*'))
        ref = { module: base.module, imported: tn.right.text };
    }
    const family = ref && clientFamily(ref);
    if (family) scope.clientNames.set(name, family);
  }
}

/** A construction: a client of a known SDK, or a KMS request model (`new $Kms20160120.ReEncryptRequest({...})`). */
export function onNew(scope: FileScope, node: ts.NewExpression): void {
  const ref = resolveModuleRef(node.expression, scope.bindings);
  if (!ref) return;
  const sdk = nodeSdk(ref.module);
  if (!sdk) return;
  const family = clientFamily(ref);
  if (family) {
    onClient(scope, node, ref, family, sdk.evidence);
    return;
  }
  if (!sdk.kmsModels || !ref.imported.endsWith('Request')) return;
  const action = popCoreAction(ref.imported.slice(0, -'Request'.length));
  if (!action) return;
  scope.facts.usesKmsModels = true;
  scope.facts.calls.push({ action, form: 'request-class', range: scope.range(node), family: sdk.family });
  keyRefsFrom(scope, node.arguments?.[0]);
}

function onClient(
  scope: FileScope,
  node: ts.NewExpression,
  ref: Binding,
  family: SdkFamily,
  evidence: ClientSite['evidence'],
): void {
  const args: ArgFact[] = [];
  const site: ClientSite = {
    family,
    constructorName: node.expression.getText(scope.sf),
    qualifiedName:
      ref.imported === 'default' || ref.imported === '*' ? ref.module : `${ref.module}.${ref.imported}`,
    range: scope.range(node),
    calleeRange: scope.range(node.expression),
    argsRange: argsRange(scope, node),
    args,
    evidence: [...evidence],
    otherProducts: [],
  };
  const bound = boundName(node);
  if (bound) {
    site.boundTo = bound;
    scope.clientNames.set(bound, family);
  }
  const fn = enclosingFunction(node);
  if (fn) site.enclosingFunction = fn;
  for (const a of node.arguments ?? []) {
    const arg: ArgFact = { text: a.getText(scope.sf), range: scope.range(a) };
    const lit = tsc.isStringLiteralLike(a) ? a.text : undefined;
    if (lit !== undefined) arg.literal = lit;
    args.push(arg);
    const obj = scope.objectLiteral(a);
    if (!obj) continue;
    for (const p of scope.properties(obj)) {
      const named: ArgFact = { text: p.value.getText(scope.sf), range: scope.range(p.node), name: p.name };
      const value = scope.stringValue(p.value);
      if (value !== undefined) named.literal = value;
      args.push(named);
      evidenceFromProperty(site, p.name, value);
      if (value === undefined) evidenceFromTable(scope, site, p.value);
    }
    for (const spread of obj.properties.filter(tsc.isSpreadAssignment))
      evidenceFromTable(scope, site, spread.expression);
  }
  credentialsIn(scope, node, site.constructorName);
  if (family === 'tea-kms') {
    const settings = teaSettings(node, scope.sf, scope.bindings, scope.lines);
    if (settings.endpoint) site.endpoint = settings.endpoint;
    if (settings.ca) site.ca = settings.ca;
  }
  scope.facts.clients.push(site);
  const apiVersion = args.find((a) => a.name === 'apiVersion')?.literal;
  scope.clients.push({ site, otherApiVersion: apiVersion !== undefined && apiVersion !== KMS_API_VERSION });
}

function argsRange(scope: FileScope, node: ts.NewExpression) {
  const text = scope.sf.text;
  const open = text.indexOf('(', node.expression.end);
  if (open < 0 || open >= node.end) return scope.lines.range(node.end, node.end);
  return scope.lines.range(open, node.end);
}

function addEvidence(site: ClientSite, e: ClientSite['evidence'][number]): void {
  if (!site.evidence.includes(e)) site.evidence.push(e);
}

function evidenceFromProperty(site: ClientSite, name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (name === 'apiVersion' && value === KMS_API_VERSION) addEvidence(site, 'api-version');
  if (name !== 'endpoint' || KMS_INSTANCE_HOST.test(value)) return;
  if (KMS_GATEWAY_HOST.test(value)) {
    addEvidence(site, 'kms-endpoint');
    return;
  }
  const product = PRODUCT_HOST.exec(value)?.[1]?.toLowerCase();
  if (product && product !== 'kms' && !site.otherProducts.includes(product)) site.otherProducts.push(product);
}

/**
 * A generic constructor fed from a table of services (`apiVersion: SERVICES[name].apiVersion`, or
 * `{ ...SERVICES[name] }`): the client is a KMS client when the table has KMS's version or gateway.
 * Other products in the table are not recorded: the client serves them too, which `migrate` keeps.
 */
function evidenceFromTable(scope: FileScope, site: ClientSite, value: ts.Expression): void {
  const table = scope.tableRoot(value);
  if (!table) return;
  const stack: ts.Node[] = [table];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (tsc.isStringLiteralLike(n)) {
      if (n.text === KMS_API_VERSION) addEvidence(site, 'api-version');
      else if (KMS_GATEWAY_HOST.test(n.text) && !KMS_INSTANCE_HOST.test(n.text))
        addEvidence(site, 'kms-endpoint');
    }
    tsc.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
}

/** Credential literals anywhere in a client's arguments, including a nested `new Config({...})`. */
function credentialsIn(scope: FileScope, root: ts.NewExpression, sink: string): void {
  const seen = new Set<ts.Node>();
  const stack: ts.Node[] = [...(root.arguments ?? [])];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (seen.has(n)) continue;
    seen.add(n);
    if (tsc.isObjectLiteralExpression(n)) {
      for (const p of scope.properties(n)) {
        const role = CREDENTIAL_PROPS[p.name.toLowerCase().replace(/_/g, '')];
        if (!role) continue;
        const lit = scope.literalNode(p.value);
        const looks = lit && credentialLooks(role, lit.text);
        if (!lit || !looks) continue;
        const range = scope.range(lit);
        if (scope.facts.credentials.some((c) => c.range.startOffset === range.startOffset)) continue;
        scope.facts.credentials.push({ role, looks, range, sink });
      }
    }
    // `new Core(options)` with `const options = {...}` elsewhere in the file.
    if (tsc.isIdentifier(n)) {
      const obj = scope.objectLiteral(n);
      if (obj) stack.push(obj);
    }
    tsc.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
}

/** `export const ACCESS_KEY_ID = 'LTAI…'`: a constant named for a credential, with a live-looking value. */
export function namedCredentials(scope: FileScope): void {
  for (const [name, init] of scope.consts) {
    const role = credentialNameRole(name);
    const lit = role && scope.literalNode(init);
    if (!role || !lit || credentialLooks(role, lit.text) !== 'real') continue;
    const range = scope.range(lit);
    if (scope.facts.credentials.some((c) => c.range.startOffset === range.startOffset)) continue;
    scope.facts.credentials.push({ role, looks: 'real', range, sink: name });
  }
}
