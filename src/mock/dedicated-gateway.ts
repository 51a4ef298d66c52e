import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEDICATED_GATEWAY_ACTIONS } from '../model/kms-actions.js';
import type { GatewayAuth } from './gateway-auth.js';
import type { GatewayAction } from './gateway-context.js';
import { actionNotFound, GATEWAY_ACTION_HANDLERS, gatewayHandler } from './gateway-server.js';
import type { Keystore } from './keystore.js';
import type { CallCounter, Throttle } from './throttle.js';

/**
 * The KMS instance's dedicated gateway: the same OpenAPI 2016-01-20 RPC as the shared gateway,
 * AccessKey/STS-signed, reached at the instance endpoint (`<kst-id>.cryptoservice.kms.aliyuncs.com`).
 * It is the vendor's route for the V2 Alibaba Cloud SDKs, the only one open to Node.js. It serves the
 * crypto and secret APIs (DEDICATED_GATEWAY_ACTIONS), never ReEncrypt, and no management API (those
 * stay on the shared gateway).
 */
const SERVED: Readonly<Record<string, GatewayAction>> = Object.fromEntries(
  DEDICATED_GATEWAY_ACTIONS.map((a) => [a, GATEWAY_ACTION_HANDLERS[a]]),
);

/**
 * The vendor documents only that the dedicated gateway does not serve ReEncrypt and management APIs,
 * not the exact error it answers; we answer as the shared gateway answers an action it does not
 * serve (`InvalidAction.NotFound`, 404), naming where the action is served instead.
 */
function refuse(action: string) {
  const why =
    action === 'ReEncrypt'
      ? 'ReEncrypt is served only by the shared gateway (kms.<region>.aliyuncs.com), not by the KMS instance endpoint.'
      : 'The KMS instance endpoint serves crypto and secret APIs only; call management APIs through the shared gateway.';
  return actionNotFound(action, why);
}

export interface DedicatedGatewayDeps {
  ks: Keystore;
  /** The shared gateway's AccessKey/STS store: the same RAM identities sign both. */
  auth: GatewayAuth;
  /** The instance's QPS budget: the dedicated gateway is the instance's own capacity. */
  throttle: Throttle;
  counter: CallCounter;
  log?: (line: string) => void;
}

/** OpenAPI RPC at the instance endpoint; counted as instance traffic, keys only once moved. */
export function dedicatedGatewayHandler(deps: DedicatedGatewayDeps) {
  return gatewayHandler({
    ctx: { ks: deps.ks, dedicated: true },
    auth: deps.auth,
    throttle: deps.throttle,
    counter: deps.counter,
    log: deps.log,
    face: 'instance',
    actions: SERVED,
    refuse,
  });
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A dkms-gcs-0.2 request announces itself with `x-kms-*` headers or a protobuf body; OpenAPI never does. */
function isDkmsRequest(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h['x-kms-apiname'] !== undefined ||
    h['x-kms-apiversion'] !== undefined ||
    String(h['content-type'] ?? '').includes('protobuf')
  );
}

/** The instance endpoint: one listener, two protocols (dkms-gcs for instance SDKs, OpenAPI for V2 SDKs). */
export function instanceEndpointHandler(dkms: Handler, openApi: Handler): Handler {
  return (req, res) => (isDkmsRequest(req) ? dkms(req, res) : openApi(req, res));
}
