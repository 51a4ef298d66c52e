import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * Request signing of the KMS-instance API (dkms-protocol.md §1.2–1.3): RSASSA-PKCS1-v1_5/SHA-256 over
 * a string built from the method, content-sha256, content-type, date and the sorted x-kms-* headers.
 */
export const DKMS_API_VERSION = 'dkms-gcs-0.2';
export const DKMS_SIGNATURE_METHOD = 'RSA_PKCS1_SHA_256';
export const DKMS_CONTENT_TYPE = 'application/x-protobuf';
/** Sic: the SDKs spell it with three c's. */
export const DKMS_ACCESS_KEY_HEADER = 'x-kms-acccesskeyid';
export const MIGRATION_KEY_VERSION_HEADER = 'x-kms-migrationkeyversionid';

/** Upper-case hex SHA-256 of the body, the `content-sha256` header value. */
export function contentSha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex').toUpperCase();
}

/** RFC 1123 date in GMT, e.g. `Mon, 27 Sep 2021 11:47:26 GMT`. */
export function dkmsDate(date: Date = new Date()): string {
  return date.toUTCString();
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

/** Headers must already be keyed by lower-case name (Node's `req.headers` are). */
export function dkmsStringToSign(
  method: string,
  headers: Record<string, string | string[] | undefined>,
): string {
  let sts = `${method.toUpperCase()}\n${headerValue(headers, 'content-sha256')}\n${headerValue(headers, 'content-type')}\n${headerValue(headers, 'date')}\n`;
  for (const name of Object.keys(headers).sort()) {
    if (name.startsWith('x-kms-')) sts += `${name}:${headerValue(headers, name).trim()}\n`;
  }
  return `${sts}/`;
}

export function dkmsSignString(stringToSign: string, privateKey: string | KeyObject): string {
  return createSign('RSA-SHA256').update(stringToSign, 'utf8').sign(privateKey, 'base64');
}

export function dkmsVerifyString(
  stringToSign: string,
  signatureBase64: string,
  publicKey: string | KeyObject,
): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(stringToSign, 'utf8')
      .verify(publicKey, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

/** The signature from `Authorization: Bearer <b64>` (what the SDKs send) or `TOKEN <b64>` (the docs). */
export function parseDkmsAuthorization(value: string | undefined): string | undefined {
  const m = /^(?:Bearer|TOKEN)\s+(\S+)\s*$/.exec(value ?? '');
  return m?.[1];
}

export interface DkmsSignOptions {
  apiName: string;
  body: Uint8Array;
  clientKeyId: string;
  privateKey: string | KeyObject;
  /** `host[:port]`, copied verbatim into the host header as the SDKs do. */
  host: string;
  date?: Date;
  /** Extra x-kms-* headers (e.g. x-kms-migrationkeyversionid); signed like the others. */
  extraHeaders?: Record<string, string>;
}

/** Every header of a signed request, names lower-case, as the official SDKs send them. */
export function signDkmsRequest(opts: DkmsSignOptions): Record<string, string> {
  const headers: Record<string, string> = {
    accept: DKMS_CONTENT_TYPE,
    host: opts.host,
    date: dkmsDate(opts.date),
    'x-kms-apiversion': DKMS_API_VERSION,
    'x-kms-apiname': opts.apiName,
    'x-kms-signaturemethod': DKMS_SIGNATURE_METHOD,
    [DKMS_ACCESS_KEY_HEADER]: opts.clientKeyId,
    'content-type': DKMS_CONTENT_TYPE,
    'content-length': String(opts.body.length),
    'content-sha256': contentSha256(opts.body),
  };
  for (const [k, v] of Object.entries(opts.extraHeaders ?? {})) headers[k.toLowerCase()] = v;
  const signature = dkmsSignString(dkmsStringToSign('POST', headers), opts.privateKey);
  headers.authorization = `Bearer ${signature}`;
  return headers;
}
