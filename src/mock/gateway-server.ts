import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KmsError, throttled } from './errors.js';
import type { GatewayAuth } from './gateway-auth.js';
import type { GatewayAction, GatewayContext } from './gateway-context.js';
import { GATEWAY_CRYPTO_ACTIONS } from './gateway-crypto-actions.js';
import { GATEWAY_MANAGE_ACTIONS } from './gateway-manage-actions.js';
import { ClientGone, clientGoneLine, parseGatewayRequest } from './gateway-request.js';
import type { CallCounter, Throttle } from './throttle.js';

/** Every action of the shared gateway, by name. */
export const GATEWAY_ACTION_HANDLERS: Readonly<Record<string, GatewayAction>> = {
  ...GATEWAY_CRYPTO_ACTIONS,
  ...GATEWAY_MANAGE_ACTIONS,
};
export const GATEWAY_ACTIONS = Object.keys(GATEWAY_ACTION_HANDLERS);

/** The gateway's answer to an action it does not serve. */
export function actionNotFound(action: string, why = ''): KmsError {
  return new KmsError(
    'InvalidAction.NotFound',
    `Specified api is not found, please check your url and method. (Action=${action})${why ? ` ${why}` : ''}`,
    404,
  );
}

export interface GatewayDeps {
  ctx: GatewayContext;
  auth: GatewayAuth;
  throttle: Throttle;
  counter: CallCounter;
  log?: (line: string) => void;
  /** Which face's call counts this traffic lands in (default: the shared gateway). */
  face?: 'gateway' | 'instance';
  /** The actions served (default: every shared-gateway action). */
  actions?: Readonly<Record<string, GatewayAction>>;
  /** The refusal for an action not in `actions` (default: `InvalidAction.NotFound`). */
  refuse?: (action: string) => KmsError;
}

const JSON_TYPE = 'application/json;charset=utf-8';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Handles one request of the shared-gateway face (plain HTTP, TLS, or through the proxy). */
export function gatewayHandler(deps: GatewayDeps) {
  const face = deps.face ?? 'gateway';
  const actions = deps.actions ?? GATEWAY_ACTION_HANDLERS;
  const refuse = deps.refuse ?? ((a: string) => actionNotFound(a));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID().toUpperCase();
    const hostId = String(req.headers.host ?? 'kms.cn-hangzhou.aliyuncs.com').replace(/:\d+$/, '');
    let action = '';
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/' && path !== '')
        throw new KmsError(
          'InvalidAction.NotFound',
          `Specified api is not found, please check your url and method.`,
          404,
        );
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw new KmsError('UnsupportedHTTPMethod', 'This http method is not supported.', 403);
      }
      const parsed = await parseGatewayRequest(req);
      const hinted = parsed.params.Action || String(req.headers['x-acs-action'] ?? '') || '(none)';
      // Rejected requests count too: verifiers check that nothing at all reached a face.
      deps.counter.add(face, hinted);
      const authd = deps.auth.authenticate(parsed);
      action = authd.action;
      if (!deps.throttle.take()) throw throttled();
      const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!handler) throw refuse(action);
      if (authd.params.DryRun === 'true') {
        throw new KmsError(
          'DryRunOperationError',
          'Request validation has been passed with DryRun flag set.',
          400,
        );
      }
      const result = await handler(authd.params, deps.ctx);
      send(res, 200, { ...result, RequestId: requestId });
    } catch (err) {
      const name = face === 'gateway' ? 'gateway' : 'dedicated gateway';
      if (err instanceof ClientGone) {
        deps.log?.(clientGoneLine(name, err));
        return;
      }
      const e = err instanceof KmsError ? err : new KmsError('InternalFailure', 'Internal Failure.', 500);
      if (!(err instanceof KmsError)) deps.log?.(`${name} ${action || '?'}: ${(err as Error).stack ?? err}`);
      send(res, e.status, {
        RequestId: requestId,
        HostId: hostId,
        Code: e.code,
        Message: e.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}&product=Kms&requestId=${requestId}`,
      });
    }
  };
}
