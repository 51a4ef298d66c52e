import {
  BlobFormatError,
  type BlobParts,
  packTransferBlob,
  unpackTransferBlob,
} from '../protocol/ciphertext-blob.js';
import { clientError, invalidParameter } from './errors.js';
import { type CallInstance, MIGRATION_KEY_VERSION_HEADER } from './instance-call.js';
import type { LegacyParams } from './legacy-params.js';

/**
 * Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext): the legacy ↔ instance conversions of the
 * vendor transfer SDKs (dkms-protocol.md §3.1), so ciphertexts interoperate with theirs.
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const buf = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.alloc(0));

function requireKeyVersion(keyVersionId: string | undefined, url: string): string {
  if (!keyVersionId) {
    throw clientError(
      'SDK.InvalidResponse',
      `Can not found response headers parameter[${MIGRATION_KEY_VERSION_HEADER}]`,
      url,
    );
  }
  return keyVersionId;
}

function packBlob(keyVersionId: string, iv: Buffer, ciphertext: Buffer, url: string): string {
  try {
    return packTransferBlob({ keyVersionId, iv, ciphertext });
  } catch (err) {
    if (err instanceof BlobFormatError)
      throw clientError('SDK.InvalidResponse', `instance answer: ${err.message}`, url);
    throw err;
  }
}

export async function encrypt(p: LegacyParams, call: CallInstance): Promise<Record<string, unknown>> {
  const plaintext = p.required('Plaintext');
  const { response, keyVersionId } = await call({
    apiName: 'Encrypt',
    request: { KeyId: p.text('KeyId'), Plaintext: Buffer.from(plaintext, 'utf8'), Aad: p.contextAad() },
  });
  const kvid = requireKeyVersion(keyVersionId, p.url);
  return {
    KeyId: str(response.KeyId),
    CiphertextBlob: packBlob(kvid, buf(response.Iv), buf(response.CiphertextBlob), p.url),
    RequestId: str(response.RequestId),
    KeyVersionId: kvid,
  };
}

export async function decrypt(p: LegacyParams, call: CallInstance): Promise<Record<string, unknown>> {
  const blob = p.required('CiphertextBlob');
  let parts: BlobParts;
  try {
    parts = unpackTransferBlob(blob);
  } catch (err) {
    if (err instanceof BlobFormatError)
      throw invalidParameter('CiphertextBlob', p.url, 'too short to be a KMS ciphertext');
    throw err;
  }
  const { response, keyVersionId } = await call({
    apiName: 'Decrypt',
    request: { CiphertextBlob: parts.ciphertext, Iv: parts.iv, Aad: p.contextAad() },
    headers: { [MIGRATION_KEY_VERSION_HEADER]: parts.keyVersionId },
  });
  return {
    KeyId: str(response.KeyId),
    Plaintext: buf(response.Plaintext).toString('utf8'),
    RequestId: str(response.RequestId),
    KeyVersionId: keyVersionId ?? parts.keyVersionId,
  };
}

function dataKeyLength(p: LegacyParams): number {
  const n = p.int('NumberOfBytes');
  if (n) return n;
  const spec = p.text('KeySpec');
  if (spec === undefined || spec === 'AES_256') return 32;
  if (spec === 'AES_128') return 16;
  throw clientError('InvalidParameter', 'The specified parameter KeySpec is not valid.', p.url);
}

async function generateDataKey(p: LegacyParams, call: CallInstance, withPlaintext: boolean) {
  const keyId = p.text('KeyId');
  const aad = p.contextAad();
  const generated = await call({
    apiName: 'GenerateDataKey',
    request: { KeyId: keyId, NumberOfBytes: dataKeyLength(p), Aad: aad },
  });
  const dataKey = buf(generated.response.Plaintext);
  // Like every transfer SDK: the blob wraps the base64 TEXT of the data key, so a later legacy
  // Decrypt returns that text, as the shared gateway does.
  const dataKeyText = dataKey.toString('base64');
  const wrapped = await call({
    apiName: 'Encrypt',
    request: { KeyId: keyId, Plaintext: Buffer.from(dataKeyText, 'utf8'), Aad: aad },
  });
  const kvid = requireKeyVersion(wrapped.keyVersionId ?? generated.keyVersionId, p.url);
  const out: Record<string, unknown> = {
    KeyId: str(generated.response.KeyId) || str(wrapped.response.KeyId),
    CiphertextBlob: packBlob(kvid, buf(wrapped.response.Iv), buf(wrapped.response.CiphertextBlob), p.url),
  };
  if (withPlaintext) out.Plaintext = dataKeyText;
  out.RequestId = str(generated.response.RequestId);
  out.KeyVersionId = kvid;
  return out;
}

export const generateDataKeyWithPlaintext = (p: LegacyParams, call: CallInstance) =>
  generateDataKey(p, call, true);
export const generateDataKeyWithoutPlaintext = (p: LegacyParams, call: CallInstance) =>
  generateDataKey(p, call, false);
