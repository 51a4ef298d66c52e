import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { decodeMessage, encodeMessage } from '../protocol/dkms-messages.js';
import { MIGRATION_KEY_VERSION_HEADER, signDkmsRequest } from '../protocol/dkms-signature.js';
import { clientError, isRetryableCode, KmsTransferError, redact, translateInstanceError } from './errors.js';
import type { InstanceCall, InstanceResult } from './instance-call.js';
import { withRetries } from './retry.js';

/**
 * Sends dkms-gcs-0.2 calls (protobuf over HTTPS, RSA-signed, dkms-protocol.md §1) with bounded
 * retries on throttling and network errors, and turns instance errors into pop-core-shaped ones.
 */
export interface InstanceTransportOptions {
  /** `host[:port]`, as it goes into the host header. */
  host: string;
  clientKeyId: string;
  privateKey: KeyObject;
  ca?: string;
  ignoreSSL: boolean;
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
  /** Values that must never show up in an error text. */
  secrets: string[];
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A failure before any HTTP answer (refused, reset, timed out, TLS). */
class NetworkFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Instance errors with a code the vendor SDKs retry (kept off the error object itself, whose
 *  enumerable fields must stay pop-core's). */
const retryableErrors = new WeakSet<object>();

const RETRYABLE_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
]);
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|UNABLE_TO_GET_ISSUER/;

export class InstanceTransport {
  readonly url: string;
  readonly #opts: InstanceTransportOptions;
  readonly #agent: Agent;
  readonly #hostname: string;
  readonly #port: number;

  constructor(opts: InstanceTransportOptions) {
    this.#opts = opts;
    this.url = `https://${opts.host}/`;
    const parsed = new URL(this.url);
    this.#hostname = parsed.hostname.replace(/^\[|\]$/g, '');
    this.#port = parsed.port ? Number(parsed.port) : 443;
    this.#agent = new Agent({
      keepAlive: true,
      ca: opts.ca,
      rejectUnauthorized: !opts.ignoreSSL,
    });
  }

  /** Closes idle keep-alive sockets so a process can exit promptly. */
  close(): void {
    this.#agent.destroy();
  }

  readonly call = async (c: InstanceCall): Promise<InstanceResult> => {
    const body = encodeMessage(`${c.apiName}Request`, c.request);
    const raw = await withRetries(
      {
        maxRetries: this.#opts.maxRetries,
        baseDelayMs: this.#opts.retryDelayMs,
        isRetryable: (err) =>
          err instanceof NetworkFailure ? err.retryable : retryableErrors.has(err as object),
      },
      async () => this.#checked(c.apiName, await this.#send(c, body)),
    ).catch((err: unknown) => {
      if (err instanceof NetworkFailure) {
        throw clientError('SDK.ServerUnreachable', redact(err.message, this.#opts.secrets), this.url);
      }
      throw err;
    });
    let response: InstanceResult['response'];
    try {
      response = decodeMessage(`${c.apiName}Response`, raw.body);
    } catch {
      throw clientError(
        'SDK.InvalidResponse',
        `the instance answered ${c.apiName} with a body that is not a ${c.apiName}Response protobuf`,
        this.url,
      );
    }
    const kvid = raw.headers[MIGRATION_KEY_VERSION_HEADER];
    return {
      response,
      keyVersionId: typeof kvid === 'string' && kvid !== '' ? kvid : undefined,
      statusCode: raw.status,
      responseHeaders: raw.headers,
    };
  };

  /** Throws the pop-core-shaped error for a 4xx/5xx answer; marks retryable codes. */
  #checked(apiName: string, raw: RawResponse): RawResponse {
    if (raw.status < 400) return raw;
    let code = `HttpStatus${raw.status}`;
    let message = `the instance answered ${apiName} with HTTP ${raw.status}`;
    let requestId = '';
    try {
      const e = decodeMessage('Error', raw.body);
      if (typeof e.ErrorCode === 'string' && e.ErrorCode) code = e.ErrorCode;
      if (typeof e.ErrorMessage === 'string' && e.ErrorMessage) message = e.ErrorMessage;
      if (typeof e.RequestId === 'string') requestId = e.RequestId;
    } catch {
      // not an Error protobuf: keep the HTTP status as the code
    }
    const t = translateInstanceError(code, message);
    const err = new KmsTransferError({
      code: t.code,
      message: redact(t.message, this.#opts.secrets),
      requestId,
      httpStatus: raw.status,
      url: this.url,
    });
    if (isRetryableCode(code)) retryableErrors.add(err);
    throw err;
  }

  #send(c: InstanceCall, body: Buffer): Promise<RawResponse> {
    const headers = signDkmsRequest({
      apiName: c.apiName,
      body,
      clientKeyId: this.#opts.clientKeyId,
      privateKey: this.#opts.privateKey,
      host: this.#opts.host,
      extraHeaders: c.headers,
    });
    return new Promise<RawResponse>((resolve, reject) => {
      const req = httpsRequest(
        {
          hostname: this.#hostname,
          port: this.#port,
          path: '/',
          method: 'POST',
          headers,
          agent: this.#agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', (e) => reject(this.#networkFailure(e)));
        },
      );
      const timeoutMs = c.timeoutMs ?? this.#opts.timeoutMs;
      req.setTimeout(timeoutMs, () => {
        const e = new Error(`no answer within ${timeoutMs} ms`) as NodeJS.ErrnoException;
        e.code = 'ETIMEDOUT';
        req.destroy(e);
      });
      req.on('error', (e) => reject(this.#networkFailure(e)));
      req.end(body);
    });
  }

  #networkFailure(e: Error): NetworkFailure {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (TLS_TRUST.test(code)) {
      return new NetworkFailure(
        `TLS verification of ${this.#opts.host} failed (${code}): the instance certificate is not trusted. ` +
          'Set caFile (KMS_CA_FILE) or ca to the KMS instance CA certificate.',
        false,
      );
    }
    const retryable = RETRYABLE_NETWORK.has(code) || /socket hang up/i.test(e.message);
    return new NetworkFailure(
      `cannot reach the KMS instance at ${this.#opts.host} (${code || e.message})`,
      retryable,
    );
  }
}
