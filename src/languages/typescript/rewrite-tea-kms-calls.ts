// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { canonicalAction, isDedicatedGatewayAction } from '../../model/kms-actions.js';
import { unwrap } from './bindings.js';
import { callApiParams, declaredAround, literalText } from './call-api-params.js';
import { tsc } from './compiler.js';
import { KMS_API_VERSION } from './sdk-modules.js';

export interface OffInstanceCall {
  call: ts.CallExpression;
  /** Undefined: a `callApi` whose action this file does not show. */
  action: string | undefined;
}

/** `client` for `client`, `this.client`, `deps.client`. */
function nameOf(expr: ts.Node): string | undefined {
  const e = unwrap(expr);
  if (tsc.isIdentifier(e)) return e.text;
  if (tsc.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The variable, field or property a construction is stored in, when it is stored at all. */
export function storedAs(node: ts.NewExpression): string | undefined {
  let p = node.parent;
  while (p && (tsc.isParenthesizedExpression(p) || tsc.isAsExpression(p))) p = p.parent;
  if (!p) return undefined;
  if (
    (tsc.isVariableDeclaration(p) || tsc.isPropertyDeclaration(p) || tsc.isPropertyAssignment(p)) &&
    p.initializer
  )
    return tsc.isIdentifier(p.name) ? p.name.text : undefined;
  if (tsc.isBinaryExpression(p) && p.operatorToken.kind === tsc.SyntaxKind.EqualsToken) return nameOf(p.left);
  return undefined;
}

/**
 * 1.x methods are `describeKey` / `describeKeyEx`; actions it lacks go through rpc-client's `doRequest('X', ...)`,
 * and in 2.x and later through `callApi(new $OpenApi.Params({ action: 'X', version: '2016-01-20' }), ...)`.
 * `null`: a KMS `callApi` whose action is not known here; undefined: no KMS action.
 */
function actionOf(call: ts.CallExpression, method: string): string | null | undefined {
  if (method === 'doRequest') {
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    return first && tsc.isStringLiteralLike(first) ? canonicalAction(first.text) : undefined;
  }
  if (method === 'callApi') {
    const params = callApiParams(call.arguments[0], declaredAround);
    const version = literalText(params?.get('version'), declaredAround);
    if (version !== undefined && version !== KMS_API_VERSION) return undefined;
    const name = literalText(params?.get('action'), declaredAround);
    return (name !== undefined && canonicalAction(name)) || null;
  }
  return canonicalAction(method.replace(/Ex$/, ''));
}

/**
 * Calls on the named clients of actions the dedicated gateway does not serve (ReEncrypt, management
 * APIs): once the client points at the instance endpoint, these fail there.
 */
export function callsOffInstance(sf: ts.SourceFile, clients: ReadonlySet<string>): OffInstanceCall[] {
  const out: OffInstanceCall[] = [];
  if (clients.size === 0) return out;
  const visit = (node: ts.Node): void => {
    if (tsc.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      if (tsc.isPropertyAccessExpression(callee)) {
        const receiver = nameOf(callee.expression);
        const action = receiver && clients.has(receiver) ? actionOf(node, callee.name.text) : undefined;
        if (action === null) out.push({ call: node, action: undefined });
        else if (action && !isDedicatedGatewayAction(action)) out.push({ call: node, action });
      }
    }
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
