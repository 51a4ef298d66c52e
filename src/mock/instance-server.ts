import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeMessage, encodeMessage } from '../protocol/dkms-messages.js';
import { MIGRATION_KEY_VERSION_HEADER } from '../protocol/dkms-signature.js';
import { KmsError, throttled } from './errors.js';
import { ClientGone, clientGoneLine, readBody } from './gateway-request.js';
import { INSTANCE_ACTIONS } from './instance-actions.js';
import { authenticateInstance, newInstanceReplayGuard } from './instance-auth.js';
import type { Keystore } from './keystore.js';
import type { CallCounter, Throttle } from './throttle.js';

export interface InstanceDeps {
  ks: Keystore;
  throttle: Throttle;
  counter: CallCounter;
  log?: (line: string) => void;
}

const PROTOBUF = 'application/x-protobuf';

function sendError(res: ServerResponse, e: KmsError, requestId: string): void {
  const body = encodeMessage('Error', {
    StatusCode: e.status,
    ErrorCode: e.code,
    ErrorMessage: e.message,
    RequestId: requestId,
  });
  res.writeHead(e.status, { 'content-type': PROTOBUF, 'content-length': body.length });
  res.end(body);
}

/** Handles one dkms-gcs-0.2 request: always `POST /`, operation in x-kms-apiname. */
export function instanceHandler(deps: InstanceDeps) {
  const replay = newInstanceReplayGuard();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    let apiName = '';
    try {
      if (req.method !== 'POST')
        throw new KmsError('UnsupportedOperation', 'The KMS instance API only accepts POST /.', 405);
      const declared = req.headers['x-kms-apiname'];
      // Rejected requests count too: verifiers check that nothing at all reached a face.
      deps.counter.add('instance', (Array.isArray(declared) ? declared[0] : declared) || '(none)');
      const body = await readBody(req);
      apiName = authenticateInstance(req, body, deps.ks.clientKeys, replay);
      if (!deps.throttle.take()) throw throttled();
      const action = INSTANCE_ACTIONS[apiName];
      let request: ReturnType<typeof decodeMessage>;
      try {
        request = decodeMessage(`${apiName}Request`, body);
      } catch {
        throw new KmsError('InvalidParameter', `The body is not a valid ${apiName}Request protobuf.`, 400);
      }
      const header = req.headers[MIGRATION_KEY_VERSION_HEADER];
      const result = await action({
        req: request,
        keyVersionId: (Array.isArray(header) ? header[0] : header) || undefined,
        ks: deps.ks,
      });
      const out = encodeMessage(`${apiName}Response`, { ...result.message, RequestId: requestId });
      const headers: Record<string, string | number> = {
        'content-type': PROTOBUF,
        'content-length': out.length,
      };
      if (result.keyVersionId) headers[MIGRATION_KEY_VERSION_HEADER] = result.keyVersionId;
      res.writeHead(200, headers);
      res.end(out);
    } catch (err) {
      if (err instanceof ClientGone) {
        deps.log?.(clientGoneLine('instance', err));
        return;
      }
      const e = err instanceof KmsError ? err : new KmsError('InternalFailure', 'Internal Failure.', 500);
      if (!(err instanceof KmsError))
        deps.log?.(`instance ${apiName || '?'}: ${(err as Error).stack ?? err}`);
      sendError(res, e, requestId);
    }
  };
}
