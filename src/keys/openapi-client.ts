import { signRpcRequest } from '../protocol/rpc-signature.js';
import type { Credentials } from './credentials.js';
import type { JsonValue } from './json-lines.js';
import { isObj, type Obj } from './record-from-responses.js';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy, sleep } from './retry.js';

/**
 * A thin client for the KMS 2016-01-20 management reads over the RPC protocol (HMAC-SHA1 v1,
 * signed by src/protocol/rpc-signature.ts). It retries throttling, 5xx and network errors with
 * backoff, and turns a refused AccessKey into an error that names what to fix, never the secret.
 */
export class KmsApiError extends Error {
  constructor(
    message: string,
    readonly action: string,
    readonly code: string,
    readonly httpStatus: number | undefined,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'KmsApiError';
  }
}

/** The service refused the AccessKey or its signature: retrying cannot help. */
export class CredentialsRejectedError extends KmsApiError {
  override name = 'CredentialsRejectedError';
}

const THROTTLING = new Set([
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'Rejected.Throttling',
  'ServiceUnavailable',
]);
const TRANSIENT = new Set([
  'InternalFailure',
  'InternalError',
  'ServiceUnavailableTemporary',
  'SerivceUnavailableTemporary',
]);
const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId',
  'InvalidAccessKeyId.Inactive',
  'Forbidden.AccessKey',
  'Forbidden.AccessKeyDisabled',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
]);

/** Token codes vary (`.Expired`, `.Malformed`, `.MismatchWithAccessKey`, ...): match the family. */
export function isCredentialCode(code: string): boolean {
  return (
    CREDENTIAL_CODES.has(code) ||
    code.startsWith('InvalidSecurityToken') ||
    code.startsWith('InvalidAccessKeyId')
  );
}

/** Throttling (by code or HTTP 429), a transient code, or a 5xx; any other 4xx will fail again. */
export function isRetryable(code: string, status: number | undefined): boolean {
  return (
    THROTTLING.has(code) || TRANSIENT.has(code) || status === 429 || (status !== undefined && status >= 500)
  );
}

/**
 * Network errors that no retry mends: a malformed URL, a host that does not resolve, a certificate
 * that does not verify. A refused or reset connection may be a server restarting, so it is retried.
 */
const PERMANENT_NETWORK = new Set([
  'ERR_INVALID_URL',
  'ENOTFOUND',
  'EAI_FAIL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** Which of the three values the error code points at. */
function whatToFix(code: string, c: Credentials): string {
  if (code.startsWith('InvalidSecurityToken'))
    return `check ${c.fix.token} (expired or for another AccessKey?)`;
  if (code === 'SignatureDoesNotMatch' || code === 'IncompleteSignature') {
    return `the signature did not match: check ${c.fix.secret} (it must belong to AccessKey ${c.accessKeyId})`;
  }
  if (code.startsWith('InvalidAccessKeyId'))
    return `check ${c.fix.id}: the service does not know this AccessKey`;
  return `the AccessKey is disabled or not allowed: check ${c.fix.id} in the RAM console`;
}

export function defaultEndpoint(region: string): string {
  return `https://kms.${region}.aliyuncs.com`;
}

export interface ClientOptions {
  credentials: Credentials;
  region: string;
  /** Overrides `https://kms.<region>.aliyuncs.com` (e.g. the mock's gateway URL). */
  endpoint?: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Called before each retry, for progress on stderr and for tests. */
  onRetry?: (info: { action: string; attempt: number; code: string; delayMs: number }) => void;
}

export class KmsReadClient {
  readonly endpoint: string;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: ClientOptions) {
    const ep = opts.endpoint ?? defaultEndpoint(opts.region);
    this.endpoint = /^https?:\/\//.test(ep) ? ep.replace(/\/+$/, '') : `https://${ep.replace(/\/+$/, '')}`;
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  get region(): string {
    return this.opts.region;
  }

  async call(action: string, params: Record<string, string> = {}): Promise<Obj> {
    for (let attempt = 1; ; attempt++) {
      let code: string;
      let status: number | undefined;
      let requestId: string | undefined;
      let detail: string;
      try {
        return await this.once(action, params);
      } catch (err) {
        if (err instanceof CredentialsRejectedError) throw err;
        if (err instanceof KmsApiError) {
          code = err.code;
          status = err.httpStatus;
          requestId = err.requestId;
          detail = err.message;
          if (!isRetryable(code, status)) throw err;
        } else {
          // fetch rejects with a TypeError whose cause is the socket error (ECONNREFUSED, ECONNRESET, ...).
          const cause = (err as { cause?: { code?: string; message?: string } }).cause;
          code = cause?.code ?? (err as Error).name ?? 'NetworkError';
          if (!cause?.code && cause?.message) code = `${code}: ${cause.message}`;
          detail = `${this.endpoint}: network error ${code}`;
          if (cause?.code && PERMANENT_NETWORK.has(cause.code)) {
            throw new KmsApiError(
              `${action} at ${this.endpoint}: ${cause.message ?? code} (${code}); retrying cannot help: check --endpoint and the network`,
              action,
              code,
              undefined,
            );
          }
        }
      }
      if (attempt >= this.retry.maxAttempts) {
        throw new KmsApiError(
          `${action} failed after ${attempt} attempts (${detail}); try again later, lower the request rate, or check --endpoint`,
          action,
          code,
          status,
          requestId,
        );
      }
      const delayMs = backoffDelay(this.retry, attempt);
      this.opts.onRetry?.({ action, attempt, code, delayMs });
      await sleep(delayMs);
    }
  }

  private async once(action: string, params: Record<string, string>): Promise<Obj> {
    const { credentials } = this.opts;
    const signed = signRpcRequest({
      method: 'POST',
      action,
      params: { RegionId: this.opts.region, ...params },
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      securityToken: credentials.securityToken,
    });
    const query = new URLSearchParams(signed).toString();
    const res = await fetch(`${this.endpoint}/?${query}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-acs-action': action, 'x-acs-version': '2016-01-20' },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: JsonValue | undefined;
    try {
      body = JSON.parse(text) as JsonValue;
    } catch {
      body = undefined;
    }
    if (res.ok && isObj(body) && body.Code === undefined) return body;
    const code = isObj(body) && typeof body.Code === 'string' ? body.Code : `HTTP${res.status}`;
    const requestId = isObj(body) && typeof body.RequestId === 'string' ? body.RequestId : undefined;
    if (isCredentialCode(code)) {
      throw new CredentialsRejectedError(
        `${action} at ${this.endpoint}: the service refused the AccessKey ${credentials.accessKeyId} (${code}); ${whatToFix(code, credentials)}`,
        action,
        code,
        res.status,
        requestId,
      );
    }
    // SignatureDoesNotMatch echoes the string-to-sign; other messages are safe to show.
    const message = isObj(body) && typeof body.Message === 'string' ? body.Message : text.slice(0, 200);
    throw new KmsApiError(
      `${action} at ${this.endpoint}: ${code} (HTTP ${res.status}): ${message}${requestId ? ` [RequestId ${requestId}]` : ''}`,
      action,
      code,
      res.status,
      requestId,
    );
  }
}
