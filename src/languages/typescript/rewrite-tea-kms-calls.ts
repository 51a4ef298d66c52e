// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { canonicalAction, isDedicatedGatewayAction } from '../../model/kms-actions.js';
import { unwrap } from './bindings.js';
import { tsc } from './compiler.js';

export interface OffInstanceCall {
  call: ts.CallExpression;
  action: string;
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

/** 1.x methods are `describeKey` / `describeKeyEx`; actions it lacks go through rpc-client's `doRequest('X', ...)`. */
function actionOf(call: ts.CallExpression, method: string): string | undefined {
  if (method === 'doRequest') {
    const first = call.arguments[0] && unwrap(call.arguments[0]);
    return first && tsc.isStringLiteralLike(first) ? canonicalAction(first.text) : undefined;
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
        if (action && !isDedicatedGatewayAction(action)) out.push({ call: node, action });
      }
    }
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
