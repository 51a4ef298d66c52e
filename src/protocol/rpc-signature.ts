import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OpenAPI RPC signature version 1.0 (HMAC-SHA1), as every legacy SDK computes it
 * (legacy-kms-openapi.md §1.3). Verifiers must re-encode the decoded parameters, never reuse the
 * raw query text: Go writes `+` for spaces, Java `%20`.
 */

/** RFC 3986 percent-encoding with upper-case hex: only `A-Z a-z 0-9 - _ . ~` stay as they are. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Sorted `k=v&...` of every parameter except `Signature`; empty values stay as `k=`. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .map((k) => [percentEncode(k), percentEncode(params[k] ?? '')] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function rpcStringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignString(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** The `Signature` value for these parameters (the `Signature` key itself is ignored). */
export function rpcSign(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return rpcSignString(rpcStringToSign(method, params), accessKeySecret);
}

export interface RpcVerifyResult {
  ok: boolean;
  /** What the server signed; the gateway echoes it in `SignatureDoesNotMatch`. */
  stringToSign: string;
}

export function rpcVerify(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): RpcVerifyResult {
  const stringToSign = rpcStringToSign(method, params);
  const expected = Buffer.from(rpcSignString(stringToSign, accessKeySecret));
  const given = Buffer.from(params.Signature ?? '');
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return { ok, stringToSign };
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the Timestamp format of every RPC SDK. */
export function rpcTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The common parameters plus `Signature` for one RPC call: what a client puts in the query (or
 * form body) besides its own business parameters.
 */
export function signRpcRequest(opts: {
  method: 'GET' | 'POST';
  action: string;
  params: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  version?: string;
  nonce?: string;
  timestamp?: string;
}): Record<string, string> {
  const all: Record<string, string> = {
    Format: 'JSON',
    Version: opts.version ?? '2016-01-20',
    AccessKeyId: opts.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: opts.nonce ?? `${Date.now()}${Math.random().toString(16).slice(2)}`,
    Timestamp: opts.timestamp ?? rpcTimestamp(),
    ...opts.params,
    Action: opts.action,
  };
  if (opts.securityToken) all.SecurityToken = opts.securityToken;
  all.Signature = rpcSign(opts.method, all, opts.accessKeySecret);
  return all;
}
