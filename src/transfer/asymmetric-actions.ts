import { type CallInstance, MIGRATION_KEY_VERSION_HEADER } from './instance-call.js';
import type { LegacyParams } from './legacy-params.js';

/**
 * AsymmetricEncrypt/Decrypt/Sign/Verify and GetPublicKey: base64 on the legacy side, raw bytes on
 * the instance side; a legacy KeyVersionId travels as the `x-kms-migrationkeyversionid` header
 * (dkms-protocol.md §3.1). Sign/Verify send the digest as Message with MessageType DIGEST.
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const b64 = (v: unknown): string => (Buffer.isBuffer(v) ? v.toString('base64') : '');

function keyFields(response: Record<string, unknown>, keyVersionId: string | undefined, p: LegacyParams) {
  return {
    KeyId: str(response.KeyId) || (p.text('KeyId') ?? ''),
    KeyVersionId: keyVersionId ?? p.text('KeyVersionId') ?? '',
    RequestId: str(response.RequestId),
  };
}

export async function asymmetricEncrypt(p: LegacyParams, call: CallInstance) {
  const plaintext = p.base64('Plaintext');
  const { response, keyVersionId } = await call({
    apiName: 'Encrypt',
    request: { KeyId: p.text('KeyId'), Algorithm: p.text('Algorithm'), Plaintext: plaintext },
    headers: p.keyVersionHeader(MIGRATION_KEY_VERSION_HEADER),
  });
  const k = keyFields(response, keyVersionId, p);
  return {
    KeyId: k.KeyId,
    CiphertextBlob: b64(response.CiphertextBlob),
    RequestId: k.RequestId,
    KeyVersionId: k.KeyVersionId,
  };
}

export async function asymmetricDecrypt(p: LegacyParams, call: CallInstance) {
  const ciphertext = p.base64('CiphertextBlob');
  const { response, keyVersionId } = await call({
    apiName: 'Decrypt',
    request: { KeyId: p.text('KeyId'), Algorithm: p.text('Algorithm'), CiphertextBlob: ciphertext },
    headers: p.keyVersionHeader(MIGRATION_KEY_VERSION_HEADER),
  });
  const k = keyFields(response, keyVersionId, p);
  return {
    KeyId: k.KeyId,
    Plaintext: b64(response.Plaintext),
    RequestId: k.RequestId,
    KeyVersionId: k.KeyVersionId,
  };
}

export async function asymmetricSign(p: LegacyParams, call: CallInstance) {
  const digest = p.base64('Digest');
  const { response, keyVersionId } = await call({
    apiName: 'Sign',
    request: {
      KeyId: p.text('KeyId'),
      Algorithm: p.text('Algorithm'),
      Message: digest,
      MessageType: 'DIGEST',
    },
    headers: p.keyVersionHeader(MIGRATION_KEY_VERSION_HEADER),
  });
  const k = keyFields(response, keyVersionId, p);
  return {
    KeyId: k.KeyId,
    Value: b64(response.Signature),
    RequestId: k.RequestId,
    KeyVersionId: k.KeyVersionId,
  };
}

export async function asymmetricVerify(p: LegacyParams, call: CallInstance) {
  const digest = p.base64('Digest');
  const signature = p.base64('Value');
  const { response, keyVersionId } = await call({
    apiName: 'Verify',
    request: {
      KeyId: p.text('KeyId'),
      Algorithm: p.text('Algorithm'),
      Message: digest,
      MessageType: 'DIGEST',
      Signature: signature,
    },
    headers: p.keyVersionHeader(MIGRATION_KEY_VERSION_HEADER),
  });
  const k = keyFields(response, keyVersionId, p);
  return {
    KeyId: k.KeyId,
    Value: response.Value === true,
    RequestId: k.RequestId,
    KeyVersionId: k.KeyVersionId,
  };
}

export async function getPublicKey(p: LegacyParams, call: CallInstance) {
  const { response, keyVersionId } = await call({
    apiName: 'GetPublicKey',
    request: { KeyId: p.text('KeyId') },
    headers: p.keyVersionHeader(MIGRATION_KEY_VERSION_HEADER),
  });
  const k = keyFields(response, keyVersionId, p);
  return {
    KeyId: k.KeyId,
    PublicKey: str(response.PublicKey),
    RequestId: k.RequestId,
    KeyVersionId: k.KeyVersionId,
  };
}
