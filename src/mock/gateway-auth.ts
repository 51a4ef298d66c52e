import { acs3Verify, parseAcs3Authorization } from '../protocol/acs3-signature.js';
import { rpcVerify } from '../protocol/rpc-signature.js';
import { KmsError } from './errors.js';
import type { GatewayRequest } from './gateway-request.js';

/**
 * Authentication of the shared gateway: RPC signature v1 (HMAC-SHA1) or ACS3-HMAC-SHA256, the
 * ±15 minute timestamp window, nonce replay and STS tokens (legacy-kms-openapi.md §1.2–1.5).
 */
export interface Credential {
  secret: string;
  /** Required (and checked) for STS credentials. */
  securityToken?: string;
}

export interface Authenticated {
  action: string;
  accessKeyId: string;
  /** Business parameters (common V1 parameters stripped). */
  params: Record<string, string>;
}

const SKEW_MS = 15 * 60 * 1000;
const COMMON = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'SignatureType',
  'Signature',
  'SecurityToken',
  'RegionId',
  'BearerToken',
]);

function businessParams(p: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (!COMMON.has(k)) params[k] = v;
  return params;
}

export class GatewayAuth {
  private readonly nonces = new Map<string, number>();

  constructor(private readonly credentials: Map<string, Credential>) {}

  private checkTime(value: string | undefined, name: string): void {
    if (!value) {
      throw new KmsError(
        'IllegalTimestamp',
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        400,
      );
    }
    const t = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(t)) {
      throw new KmsError(
        'IllegalTimestamp',
        `The input parameter "${name}" is not in the format YYYY-MM-DDThh:mm:ssZ.`,
        400,
      );
    }
    if (Math.abs(Date.now() - t) > SKEW_MS) {
      throw new KmsError('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.', 400);
    }
  }

  private checkNonce(nonce: string | undefined): void {
    if (!nonce) return;
    const now = Date.now();
    if (this.nonces.size > 50_000) {
      for (const [n, t] of this.nonces) if (now - t > SKEW_MS) this.nonces.delete(n);
    }
    if (this.nonces.has(nonce))
      throw new KmsError('SignatureNonceUsed', 'Specified signature nonce was used already.', 400);
    this.nonces.set(nonce, now);
  }

  private credential(accessKeyId: string | undefined, token: string | undefined): Credential {
    if (!accessKeyId)
      throw new KmsError('MissingParameter', 'The parameter "AccessKeyId" is needed but not provided.', 400);
    const cred = this.credentials.get(accessKeyId);
    if (!cred) throw new KmsError('InvalidAccessKeyId.NotFound', 'Specified access key is not found.', 404);
    if (cred.securityToken !== undefined && cred.securityToken !== token) {
      throw new KmsError(
        'InvalidSecurityToken.Mismatch',
        'Specified SecurityToken mismatch with the AccessKey.',
        400,
      );
    }
    return cred;
  }

  authenticate(req: GatewayRequest): Authenticated {
    const header = req.headers.authorization;
    const acs3 = typeof header === 'string' ? parseAcs3Authorization(header) : undefined;
    if (acs3) return this.authenticateAcs3(req, acs3);
    if (typeof header === 'string' && header.startsWith('ACS3-')) {
      throw new KmsError(
        'IncompleteSignature',
        'The request signature does not conform to Alibaba Cloud standards.',
        400,
      );
    }
    const p = req.params;
    if (!p.Signature)
      throw new KmsError(
        'IncompleteSignature',
        'The request signature does not conform to Alibaba Cloud standards.',
        400,
      );
    if (p.SignatureMethod && p.SignatureMethod !== 'HMAC-SHA1') {
      throw new KmsError(
        'InvalidParameter',
        `The specified parameter "SignatureMethod" is not valid: ${p.SignatureMethod}.`,
        400,
      );
    }
    const cred = this.credential(p.AccessKeyId, p.SecurityToken);
    const result = rpcVerify(req.method, p, cred.secret);
    if (!result.ok) {
      throw new KmsError(
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${result.stringToSign}`,
        400,
      );
    }
    this.checkTime(p.Timestamp, 'Timestamp');
    this.checkNonce(p.SignatureNonce);
    if (p.Version && p.Version !== '2016-01-20') {
      throw new KmsError('InvalidVersion', `Specified parameter Version is not valid: ${p.Version}.`, 400);
    }
    if (!p.Action)
      throw new KmsError('MissingParameter', 'The parameter "Action" is needed but not provided.', 400);
    return { action: p.Action, accessKeyId: p.AccessKeyId, params: businessParams(p) };
  }

  private authenticateAcs3(
    req: GatewayRequest,
    auth: NonNullable<ReturnType<typeof parseAcs3Authorization>>,
  ): Authenticated {
    const h = (n: string) => {
      const v = req.headers[n];
      return Array.isArray(v) ? v[0] : v;
    };
    const token = h('x-acs-security-token');
    const cred = this.credential(auth.accessKeyId, token);
    const headers: Record<string, string | string[] | undefined> = { ...req.headers };
    const result = acs3Verify(
      { method: req.method, pathname: '/', query: req.query, headers },
      req.body,
      auth,
      cred.secret,
    );
    if (!result.ok) {
      throw new KmsError(
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${result.stringToSign}`,
        400,
      );
    }
    this.checkTime(h('x-acs-date'), 'x-acs-date');
    this.checkNonce(h('x-acs-signature-nonce'));
    const action = h('x-acs-action') ?? req.params.Action;
    if (!action)
      throw new KmsError('MissingParameter', 'The header "x-acs-action" is needed but not provided.', 400);
    const version = h('x-acs-version');
    if (version && version !== '2016-01-20') {
      throw new KmsError('InvalidVersion', `Specified parameter Version is not valid: ${version}.`, 400);
    }
    return { action, accessKeyId: auth.accessKeyId, params: businessParams(req.params) };
  }
}
