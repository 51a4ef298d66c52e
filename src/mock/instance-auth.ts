import type { IncomingMessage } from 'node:http';
import { DKMS_API_NAMES } from '../protocol/dkms-messages.js';
import {
  contentSha256,
  DKMS_ACCESS_KEY_HEADER,
  DKMS_API_VERSION,
  DKMS_SIGNATURE_METHOD,
  dkmsStringToSign,
  dkmsVerifyString,
  parseDkmsAuthorization,
} from '../protocol/dkms-signature.js';
import { KmsError } from './errors.js';
import { publicKeyOf } from './pem-keys.js';
import { ReplayGuard } from './replay-guard.js';

/**
 * Checks on every KMS-instance request, in the order the real service reports them
 * (dkms-protocol.md §1.3, §1.5): API version and name, client key id, Date skew, Authorization,
 * content-sha256, then the RSA signature against the application access point's key.
 */
const SKEW_MS = 15 * 60 * 1000;
const API_NAMES = new Set<string>(DKMS_API_NAMES);

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Signatures stay in the replay set for the whole window a Date is accepted in: ±SKEW_MS. */
export const newInstanceReplayGuard = () => new ReplayGuard(2 * SKEW_MS);

export function authenticateInstance(
  req: IncomingMessage,
  body: Buffer,
  clientKeys: Map<string, string>,
  replay?: ReplayGuard,
): string {
  const version = header(req, 'x-kms-apiversion');
  if (version !== DKMS_API_VERSION) {
    throw new KmsError(
      'InvalidApiVersion',
      `The x-kms-apiversion "${version ?? ''}" is not valid; use ${DKMS_API_VERSION}.`,
      400,
    );
  }
  const apiName = header(req, 'x-kms-apiname') ?? '';
  if (!API_NAMES.has(apiName))
    throw new KmsError('InvalidApiName', `The x-kms-apiname "${apiName}" is not valid.`, 400);
  const method = header(req, 'x-kms-signaturemethod');
  if (method !== DKMS_SIGNATURE_METHOD) {
    throw new KmsError('InvalidParam', 'The Param x-kms-signaturemethod is invalid.', 400);
  }
  const clientKeyId = header(req, DKMS_ACCESS_KEY_HEADER);
  if (!clientKeyId)
    throw new KmsError(
      'MissingParameter',
      `The header ${DKMS_ACCESS_KEY_HEADER} is needed but not provided.`,
      400,
    );
  const publicKey = clientKeys.get(clientKeyId);
  if (!publicKey)
    throw new KmsError(
      'Unauthorized',
      `The client key ${clientKeyId} is not registered with this KMS instance.`,
      401,
    );
  const date = header(req, 'date');
  const t = date ? Date.parse(date) : Number.NaN;
  if (!date || Number.isNaN(t) || !/GMT$/.test(date))
    throw new KmsError('InvalidParam', 'The Param Date is invalid.', 400);
  if (Math.abs(Date.now() - t) > SKEW_MS) {
    throw new KmsError(
      'RequestTimeTooSkewed',
      'The difference between the request time and the server time is too large.',
      400,
    );
  }
  const signature = parseDkmsAuthorization(header(req, 'authorization'));
  if (!signature) throw new KmsError('InvalidParam', 'The Param Authorization is invalid.', 400);
  const declared = header(req, 'content-sha256');
  if (declared !== undefined && declared.toUpperCase() !== contentSha256(body)) {
    throw new KmsError('InvalidParam', 'The Param Content-SHA256 is invalid.', 400);
  }
  if (
    !dkmsVerifyString(dkmsStringToSign(req.method ?? 'POST', req.headers), signature, publicKeyOf(publicKey))
  ) {
    throw new KmsError('SignatureNotMatch', 'Signature is not matched.', 401);
  }
  if (replay?.replayed(signature, req.socket)) {
    throw new KmsError(
      'InvalidParam',
      'The Param Authorization is invalid: this signed request was already received (a replay); sign each request anew.',
      400,
    );
  }
  return apiName;
}
