import type { ts } from 'ts-morph';
import type { ApiCall, ClientSite } from '../../model/index.js';
import { resolveModuleRef, unwrap } from './bindings.js';
import { callApiParams } from './call-api-params.js';
import { tsc } from './compiler.js';
import { popCoreAction, receiverName, teaMethodAction } from './declared-names.js';
import type { ClientInfo, FileScope } from './file-scope.js';
import { keyRefsFrom } from './key-refs.js';
import { KMS_API_VERSION, nodeSdk } from './sdk-modules.js';
import { type Receiver, resolveReceiver } from './travelling-clients.js';

/** A call: a pop-core `request('Action')`, a tea client method, or a tea `doRequest('Action')`. */
export function onCall(scope: FileScope, node: ts.CallExpression): void {
  const callee = unwrap(node.expression);
  if (!tsc.isPropertyAccessExpression(callee)) return;
  const method = callee.name.text;
  if (method === 'request') {
    onRequest(scope, node, callee);
    return;
  }
  const receiver = receiverName(callee.expression);
  const known = receiver ? scope.clientNames.get(receiver) : undefined;
  // A V2 client reaching an action its version has no method for: `doRequest('ReEncrypt', ...)` (1.x),
  // `callApi(params, ...)` (2.x and later). Neither name is a KMS action, so nothing else applies to them.
  if (method === 'doRequest' || method === 'callApi') {
    if ((known ?? (scope.importsFamily('tea-kms') ? 'tea-kms' : undefined)) !== 'tea-kms') return;
    if (method === 'callApi') {
      onCallApi(scope, node, receiver);
      return;
    }
    const action = popCoreAction(scope.stringValue(node.arguments[0]) ?? '');
    if (action)
      pushCall(
        scope,
        { action, form: 'common-request', range: scope.range(node), family: 'tea-kms' },
        receiver,
      );
    return;
  }
  // A receiver we cannot place counts only when it is handed a KMS request model (`x.encrypt(new $Kms.EncryptRequest())`).
  const family =
    known ?? (scope.importsFamily('tea-kms') && hasKmsRequestArg(scope, node) ? 'tea-kms' : undefined);
  if (family !== 'tea-kms') return;
  const action = teaMethodAction(method);
  if (!action) return;
  pushCall(scope, { action, form: 'client-method', range: scope.range(node), family }, receiver);
}

/**
 * `client.callApi(new $OpenApi.Params({ action: 'ReEncrypt', version: '2016-01-20', ... }), request, runtime)`:
 * how a 2.x or later V2 client reaches an action it has no method for (1.x: `doRequest`). Params of
 * another product's version are that product's call. Params this file does not show, or an action that is
 * not a literal, make an unresolved call: the application then never passes for "management calls only".
 */
function onCallApi(scope: FileScope, node: ts.CallExpression, receiver: string | undefined): void {
  const declared = (name: string) => scope.consts.get(name);
  const params = callApiParams(node.arguments[0], declared);
  const version = scope.stringValue(params?.get('version'));
  if (version !== undefined && version !== KMS_API_VERSION) return;
  const name = scope.stringValue(params?.get('action'));
  const action = popCoreAction(name ?? '');
  if (!action) {
    scope.facts.unresolvedCalls ??= [];
    scope.facts.unresolvedCalls.push({
      form: 'common-request',
      range: scope.range(node),
      ...(receiver ? { receiver } : {}),
      reason:
        name === undefined
          ? 'the action of this callApi to KMS is not a literal'
          : `this callApi's action \`${name}\` is not one kms-codemod knows`,
    });
    return;
  }
  pushCall(scope, { action, form: 'common-request', range: scope.range(node), family: 'tea-kms' }, receiver);
}

/**
 * `client.request('Encrypt', ...)`. Counted here when this file knows the receiver is a pop-core
 * client (or the file imports pop-core); recorded for the application pass when the receiver came from
 * another file: an import, an imported factory's result, or a parameter.
 */
function onRequest(scope: FileScope, node: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
  const name = scope.stringValue(node.arguments[0]);
  const action = popCoreAction(name ?? '');
  const r = resolveReceiver(scope, callee.expression, node);
  const family = r.family ?? (scope.importsFamily('pop-core') ? 'pop-core' : undefined);
  if (family !== undefined && family !== 'pop-core' && family !== 'transfer') return;
  if (family !== undefined && talksToOtherProduct(scope, r)) return;
  if (!action) {
    // `sts.request('AssumeRole')`, or an action held in a variable: what the client sends besides KMS.
    if (family !== undefined && r.name)
      scope.otherSends.push({ receiver: r.name, ...(name !== undefined ? { action: name } : {}) });
    return;
  }
  const call: ApiCall = {
    action,
    form: 'pop-core-request',
    range: scope.range(node),
    family: family ?? 'pop-core',
  };
  if (r.name) call.receiver = r.name;
  const counted = family !== undefined;
  if (counted) {
    pushCall(scope, { ...call }, r.name);
    if (r.site) addKmsActions(r.site.site);
    keyRefsFrom(scope, node.arguments[1]);
  }
  if (r.imported) {
    scope.facts.importedClientCalls ??= [];
    scope.facts.importedClientCalls.push({ call, ...r.imported, ...(counted ? { counted } : {}) });
  }
  if (r.param) {
    scope.facts.paramClientCalls ??= [];
    scope.facts.paramClientCalls.push({ call, ...r.param, ...(counted ? { counted } : {}) });
  }
}

function hasKmsRequestArg(scope: FileScope, node: ts.CallExpression): boolean {
  return node.arguments.some((a) => {
    let e: ts.Node | undefined = unwrap(a);
    if (tsc.isIdentifier(e)) e = scope.consts.get(e.text);
    if (!e || !tsc.isNewExpression(e)) return false;
    const ref = resolveModuleRef(e.expression, scope.bindings);
    return ref !== undefined && nodeSdk(ref.module)?.kmsModels === true && ref.imported.endsWith('Request');
  });
}

const isOther = (c: ClientInfo) => c.otherApiVersion || c.site.otherProducts.length > 0;

/**
 * `ecs.request('DescribeRegions')` on a client built for ECS is not a KMS call even though KMS has an
 * action of that name: the receiver (or, when it is unknown, every pop-core client here) is for another product.
 */
function talksToOtherProduct(scope: FileScope, r: Receiver): boolean {
  if (r.site) return isOther(r.site);
  const pop = scope.clients.filter((c) => c.site.family === 'pop-core');
  const mine = pop.filter((c) => c.site.boundTo !== undefined && c.site.boundTo === r.name);
  if (mine.length > 0) return mine.every(isOther);
  return pop.length > 0 && pop.every(isOther);
}

function pushCall(scope: FileScope, call: ApiCall, receiver: string | undefined): void {
  if (receiver) call.receiver = receiver;
  else delete call.receiver;
  scope.facts.calls.push(call);
}

/** A pop-core client whose `request(...)` names KMS actions is a KMS client. */
export function addActionEvidence(scope: FileScope): void {
  const pop = scope.clients.filter((c) => c.site.family === 'pop-core');
  for (const call of scope.facts.calls) {
    if (call.form !== 'pop-core-request') continue;
    const targets = pop.filter((c) => c.site.boundTo !== undefined && c.site.boundTo === call.receiver);
    for (const c of targets.length ? targets : pop.length === 1 ? pop : []) addKmsActions(c.site);
  }
}

function addKmsActions(site: ClientSite): void {
  if (!site.evidence.includes('kms-actions')) site.evidence.push('kms-actions');
}

/** `client.reEncrypt(new ReEncryptRequest())` is one call, not two. */
export function dropWrappedRequests(scope: FileScope): void {
  const methods = scope.facts.calls.filter((c) => c.form === 'client-method');
  scope.facts.calls = scope.facts.calls.filter(
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
