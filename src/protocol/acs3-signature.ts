import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { percentEncode } from './rpc-signature.js';

/**
 * ACS3-HMAC-SHA256 (OpenAPI V3 signature), used by the Tea "V2 SDK" clients by default
 * (legacy-kms-openapi.md §1.4).
 */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Request {
  method: string;
  /** Always `/` for RPC-style APIs. */
  pathname?: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Header names in any case; values as sent. */
  headers: Record<string, string | string[] | undefined>;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function lowerHeaders(headers: Acs3Request['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw)
      ? raw
          .map((v) => v.trim())
          .sort()
          .join(',')
      : raw.trim();
    out.set(name.toLowerCase(), value);
  }
  return out;
}

/** The headers a client signs: host, content-type and every x-acs-* header, sorted. */
export function acs3DefaultSignedHeaders(headers: Acs3Request['headers']): string[] {
  return [...lowerHeaders(headers).keys()]
    .filter((k) => k === 'host' || k === 'content-type' || k.startsWith('x-acs-'))
    .sort();
}

export function acs3CanonicalRequest(
  req: Acs3Request,
  signedHeaders: string[],
  hashedPayload: string,
): string {
  const query = Object.keys(req.query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(req.query[k] ?? '')}`)
    .join('&');
  const lower = lowerHeaders(req.headers);
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${lower.get(n) ?? ''}\n`).join('');
  return [
    req.method.toUpperCase(),
    req.pathname ?? '/',
    query,
    canonicalHeaders,
    names.join(';'),
    hashedPayload,
  ].join('\n');
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function acs3SignString(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

/** Adds x-acs-content-sha256 (if absent) and returns the Authorization header value. */
export function acs3Sign(
  req: Acs3Request,
  body: Buffer | string,
  accessKeyId: string,
  accessKeySecret: string,
): string {
  const hashed = sha256Hex(body);
  if (!lowerHeaders(req.headers).has('x-acs-content-sha256')) {
    req.headers['x-acs-content-sha256'] = hashed;
  }
  const signed = acs3DefaultSignedHeaders(req.headers);
  const sts = acs3StringToSign(acs3CanonicalRequest(req, signed, hashed));
  const signature = acs3SignString(sts, accessKeySecret);
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
}

export interface Acs3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..` in any pair order. */
export function parseAcs3Authorization(value: string | undefined): Acs3Authorization | undefined {
  if (!value?.startsWith(`${ACS3_ALGORITHM} `)) return undefined;
  const pairs = new Map<string, string>();
  for (const part of value.slice(ACS3_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = pairs.get('Credential');
  const signature = pairs.get('Signature');
  if (!accessKeyId || !signature) return undefined;
  const signedHeaders = (pairs.get('SignedHeaders') ?? '').split(';').filter(Boolean);
  return { accessKeyId, signedHeaders, signature };
}

export interface Acs3VerifyResult {
  ok: boolean;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * Rebuilds the canonical request from the headers the client declared it signed (Java's legacy V3
 * list may lack host) and compares signatures. The payload hash is recomputed from the body.
 */
export function acs3Verify(
  req: Acs3Request,
  body: Buffer,
  auth: Acs3Authorization,
  accessKeySecret: string,
): Acs3VerifyResult {
  const canonicalRequest = acs3CanonicalRequest(req, auth.signedHeaders, sha256Hex(body));
  const stringToSign = acs3StringToSign(canonicalRequest);
  const expected = Buffer.from(acs3SignString(stringToSign, accessKeySecret));
  const given = Buffer.from(auth.signature.toLowerCase());
  const ok = expected.length === given.length && timingSafeEqual(expected, given);
  return { ok, canonicalRequest, stringToSign };
}
