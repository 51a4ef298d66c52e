import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { isAdvanceBlob, packAdvanceBlob, unpackAdvanceBlob } from '../protocol/ciphertext-blob.js';
import type { DkmsMessage } from '../protocol/dkms-messages.js';
import {
  dataKeyLength,
  newDataKey,
  openRsa,
  openSymmetric,
  requireUsage,
  type SealedData,
  sealRsa,
  sealSymmetric,
  sha256,
} from './crypto-ops.js';
import { invalidParameter, KmsError, keyNotFound } from './errors.js';
import {
  defaultSignAlgorithm,
  isRsa,
  isSymmetric,
  signWithDigest,
  verifyWithDigest,
} from './key-material.js';
import type { Keystore, StoredKey } from './keystore.js';

/**
 * The dkms-gcs-0.2 operations. Each returns the response message and the key version for the
 * `x-kms-migrationkeyversionid` response header the transfer SDKs require (dkms-protocol.md §1.6).
 */
export interface InstanceResult {
  message: DkmsMessage;
  keyVersionId?: string;
}

export interface InstanceCall {
  req: DkmsMessage;
  /** The request's x-kms-migrationkeyversionid header, if any. */
  keyVersionId?: string;
  ks: Keystore;
}

const generateKeyPairAsync = promisify(generateKeyPair);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const buf = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.alloc(0));

function instanceKey(ks: Keystore, ref: string): StoredKey {
  if (!ref) throw new KmsError('MissingParameter', 'The parameter "KeyId" is needed but not provided.', 400);
  let key: StoredKey;
  try {
    key = ks.resolve(ref);
  } catch {
    throw keyNotFound(ref);
  }
  // Keys still in the default instance are not visible to the KMS instance.
  if (!key.instanceId) throw keyNotFound(ref);
  ks.checkUsable(key);
  return key;
}

function symmetricAlgorithm(key: StoredKey): string {
  return key.keySpec === 'Aliyun_SM4' ? 'SM4_GCM' : 'AES_GCM';
}

function checkSymmetricAlgorithm(key: StoredKey, algorithm: string): string {
  const def = symmetricAlgorithm(key);
  if (algorithm && algorithm !== def) {
    throw new KmsError(
      'UnsupportedOperation',
      `The mock KMS instance supports ${def} for ${key.keySpec} keys, not ${algorithm}.`,
      400,
    );
  }
  return def;
}

/** AdvanceX answers the self-describing blob (version ‖ iv ‖ ct), the plain calls the raw ct‖tag. */
function blobOf(s: SealedData, advance: boolean): Buffer {
  return advance
    ? packAdvanceBlob({ keyVersionId: s.version.id, iv: s.iv, ciphertext: s.ciphertext })
    : s.ciphertext;
}

/** Decrypts a raw ct‖tag when the caller names the key but not the version: try each version. */
async function openWithKey(ks: Keystore, key: StoredKey, iv: Buffer, ct: Buffer, aad: Buffer) {
  let last: unknown;
  for (const v of key.versions) {
    try {
      return await openSymmetric(ks, v.id, iv, ct, aad, key);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

async function openInstanceBlob(
  ks: Keystore,
  headerVersion: string | undefined,
  keyRef: string,
  blob: Buffer,
  iv: Buffer,
  aad: Buffer,
) {
  if (isAdvanceBlob(blob) && (iv.length === 0 || !headerVersion)) {
    const parts = unpackAdvanceBlob(blob);
    const found = ks.byVersionId(parts.keyVersionId);
    if (!found?.key.instanceId) throw keyNotFound(keyRef || parts.keyVersionId);
    return openSymmetric(ks, parts.keyVersionId, parts.iv, parts.ciphertext, aad);
  }
  if (iv.length === 0)
    throw new KmsError('MissingParameter', 'The parameter "Iv" is needed but not provided.', 400);
  if (headerVersion) {
    const found = ks.byVersionId(headerVersion);
    if (!found?.key.instanceId) throw keyNotFound(keyRef || headerVersion);
    if (keyRef && instanceKey(ks, keyRef) !== found.key)
      throw invalidParameter('KeyId', 'It does not own the key version in the header.');
    return openSymmetric(ks, headerVersion, iv, blob, aad);
  }
  return openWithKey(ks, instanceKey(ks, keyRef), iv, blob, aad);
}

function messageDigest(req: DkmsMessage): Buffer {
  const type = str(req.MessageType) || 'RAW';
  const message = buf(req.Message);
  if (type === 'DIGEST') return message.length ? message : buf(req.Digest);
  if (type !== 'RAW') throw invalidParameter('MessageType', 'Use RAW or DIGEST.');
  if (message.length === 0 && buf(req.Digest).length) return buf(req.Digest);
  return sha256(message);
}

async function dataKeyPair(spec: string, format: string): Promise<{ priv: Buffer; pub: Buffer }> {
  const der = format === 'DER';
  if (format && format !== 'PEM' && format !== 'DER') throw invalidParameter('KeyFormat', 'Use PEM or DER.');
  if (spec === 'EC_SM2')
    throw new KmsError('UnsupportedOperation', 'The mock does not generate SM2 data key pairs.', 400);
  const pair = isRsa(spec || 'RSA_2048')
    ? await generateKeyPairAsync('rsa', { modulusLength: Number((spec || 'RSA_2048').slice(4)) || 2048 })
    : spec === 'EC_P256' || spec === 'EC_P256K'
      ? await generateKeyPairAsync('ec', { namedCurve: spec === 'EC_P256' ? 'prime256v1' : 'secp256k1' })
      : undefined;
  if (!pair) throw invalidParameter('KeyPairSpec', 'Use RSA_2048, RSA_3072, EC_P256 or EC_P256K.');
  const priv = der
    ? pair.privateKey.export({ type: 'pkcs8', format: 'der' })
    : Buffer.from(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const pub = der
    ? pair.publicKey.export({ type: 'spki', format: 'der' })
    : Buffer.from(pair.publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

async function encryptOp(c: InstanceCall, advance: boolean): Promise<InstanceResult> {
  const key = instanceKey(c.ks, str(c.req.KeyId));
  const plaintext = buf(c.req.Plaintext);
  if (isSymmetric(key.keySpec)) {
    const algorithm = checkSymmetricAlgorithm(key, str(c.req.Algorithm));
    // Encrypt uses the key's initial version, AdvanceEncrypt the primary one (vendor doc).
    const s = await sealSymmetric(c.ks, key, plaintext, buf(c.req.Aad), advance ? 'primary' : 'initial');
    const blob = blobOf(s, advance);
    const message: DkmsMessage = { KeyId: key.keyId, CiphertextBlob: blob, Iv: s.iv, Algorithm: algorithm };
    if (advance) message.KeyVersionId = s.version.id;
    return { message, keyVersionId: s.version.id };
  }
  requireUsage(key, 'ENCRYPT/DECRYPT');
  const algorithm = str(c.req.Algorithm) || 'RSAES_OAEP_SHA_256';
  if (!isRsa(key.keySpec))
    throw new KmsError('UnsupportedOperation', `The mock cannot encrypt with ${key.keySpec} keys.`, 400);
  const version = c.ks.version(key, c.keyVersionId);
  const ct = await sealRsa(c.ks, key, version, algorithm, plaintext);
  const message: DkmsMessage = { KeyId: key.keyId, CiphertextBlob: ct, Algorithm: algorithm };
  if (advance) message.KeyVersionId = version.id;
  return { message, keyVersionId: version.id };
}

async function decryptOp(c: InstanceCall, advance: boolean): Promise<InstanceResult> {
  const keyRef = str(c.req.KeyId);
  const blob = buf(c.req.CiphertextBlob);
  if (!blob.length)
    throw new KmsError('MissingParameter', 'The parameter "CiphertextBlob" is needed but not provided.', 400);
  const algorithm = str(c.req.Algorithm);
  if (algorithm.startsWith('RSAES_')) {
    const key = instanceKey(c.ks, keyRef);
    requireUsage(key, 'ENCRYPT/DECRYPT');
    const version = c.ks.version(key, c.keyVersionId);
    const plaintext = await openRsa(c.ks, key, version, algorithm, blob);
    const message: DkmsMessage = { KeyId: key.keyId, Plaintext: plaintext, Algorithm: algorithm };
    if (advance) message.KeyVersionId = version.id;
    return { message, keyVersionId: version.id };
  }
  const r = await openInstanceBlob(c.ks, c.keyVersionId, keyRef, blob, buf(c.req.Iv), buf(c.req.Aad));
  const message: DkmsMessage = {
    KeyId: r.key.keyId,
    Plaintext: r.plaintext,
    Algorithm: symmetricAlgorithm(r.key),
  };
  if (advance) message.KeyVersionId = r.version.id;
  return { message, keyVersionId: r.version.id };
}

async function generateDataKeyOp(c: InstanceCall, advance: boolean): Promise<InstanceResult> {
  const key = instanceKey(c.ks, str(c.req.KeyId));
  const algorithm = advance ? 'AES_GCM' : checkSymmetricAlgorithm(key, str(c.req.Algorithm));
  const n = dataKeyLength(undefined, (c.req.NumberOfBytes as number | undefined) || undefined);
  const dataKey = newDataKey(n);
  const s = await sealSymmetric(c.ks, key, dataKey, buf(c.req.Aad), advance ? 'primary' : 'initial');
  const blob = blobOf(s, advance);
  const message: DkmsMessage = {
    KeyId: key.keyId,
    Iv: s.iv,
    Plaintext: dataKey,
    CiphertextBlob: blob,
    Algorithm: algorithm,
  };
  if (advance) message.KeyVersionId = s.version.id;
  return { message, keyVersionId: s.version.id };
}

async function dataKeyPairOp(
  c: InstanceCall,
  advance: boolean,
  withPlaintext: boolean,
): Promise<InstanceResult> {
  const key = instanceKey(c.ks, str(c.req.KeyId));
  const spec = str(c.req.KeyPairSpec) || 'RSA_2048';
  const { priv, pub } = await dataKeyPair(spec, str(c.req.KeyFormat));
  const s = await sealSymmetric(c.ks, key, priv, buf(c.req.Aad), advance ? 'primary' : 'initial');
  const blob = blobOf(s, advance);
  const message: DkmsMessage = {
    KeyId: key.keyId,
    Iv: s.iv,
    KeyPairSpec: spec,
    PrivateKeyCiphertextBlob: blob,
    PublicKey: pub,
    Algorithm: 'AES_GCM',
  };
  if (withPlaintext) message.PrivateKeyPlaintext = priv;
  if (advance) message.KeyVersionId = s.version.id;
  return { message, keyVersionId: s.version.id };
}

export const INSTANCE_ACTIONS: Record<string, (c: InstanceCall) => Promise<InstanceResult> | InstanceResult> =
  {
    Encrypt: (c) => encryptOp(c, false),
    AdvanceEncrypt: (c) => encryptOp(c, true),
    Decrypt: (c) => decryptOp(c, false),
    AdvanceDecrypt: (c) => decryptOp(c, true),
    GenerateDataKey: (c) => generateDataKeyOp(c, false),
    AdvanceGenerateDataKey: (c) => generateDataKeyOp(c, true),
    GenerateDataKeyPair: (c) => dataKeyPairOp(c, false, true),
    GenerateDataKeyPairWithoutPlaintext: (c) => dataKeyPairOp(c, false, false),
    AdvanceGenerateDataKeyPair: (c) => dataKeyPairOp(c, true, true),
    AdvanceGenerateDataKeyPairWithoutPlaintext: (c) => dataKeyPairOp(c, true, false),

    async Sign(c) {
      const key = instanceKey(c.ks, str(c.req.KeyId));
      requireUsage(key, 'SIGN/VERIFY');
      const algorithm = str(c.req.Algorithm) || defaultSignAlgorithm(key.keySpec);
      const version = c.ks.version(key, c.keyVersionId);
      const sig = signWithDigest(
        await c.ks.material(key, version),
        key.keySpec,
        algorithm,
        messageDigest(c.req),
      );
      return {
        message: {
          KeyId: key.keyId,
          Signature: sig,
          Algorithm: algorithm,
          MessageType: str(c.req.MessageType) || 'RAW',
        },
        keyVersionId: version.id,
      };
    },

    async Verify(c) {
      const key = instanceKey(c.ks, str(c.req.KeyId));
      requireUsage(key, 'SIGN/VERIFY');
      const algorithm = str(c.req.Algorithm) || defaultSignAlgorithm(key.keySpec);
      const version = c.ks.version(key, c.keyVersionId);
      const ok = verifyWithDigest(
        await c.ks.material(key, version),
        key.keySpec,
        algorithm,
        messageDigest(c.req),
        buf(c.req.Signature),
      );
      return {
        message: {
          KeyId: key.keyId,
          Value: ok,
          Algorithm: algorithm,
          MessageType: str(c.req.MessageType) || 'RAW',
        },
        keyVersionId: version.id,
      };
    },

    GenerateRandom(c) {
      const n = Number(c.req.Length ?? 0) || 32;
      if (n < 1 || n > 1024) throw invalidParameter('Length', 'It must be 1..1024.');
      return { message: { Random: randomBytes(n) } };
    },

    async GetPublicKey(c) {
      const key = instanceKey(c.ks, str(c.req.KeyId));
      const version = c.ks.version(key, c.keyVersionId);
      const m = await c.ks.material(key, version);
      if (!m.publicKeyPem)
        throw new KmsError('UnsupportedOperation', 'The key is symmetric and has no public key.', 400);
      return { message: { KeyId: key.keyId, PublicKey: m.publicKeyPem }, keyVersionId: version.id };
    },

    GetSecretValue(c) {
      const { secret, version } = c.ks.secretVersion(
        str(c.req.SecretName),
        str(c.req.VersionId) || undefined,
        str(c.req.VersionStage) || undefined,
      );
      const message: DkmsMessage = {
        SecretName: secret.name,
        SecretType: secret.type,
        SecretData: version.data,
        SecretDataType: version.dataType,
        VersionStages: version.stages,
        VersionId: version.versionId,
        CreateTime: version.created,
        AutomaticRotation: 'Disabled',
      };
      if (c.req.FetchExtendedConfig) message.ExtendedConfig = secret.extendedConfig ?? '';
      return { message };
    },

    Hash(c) {
      const algorithm = str(c.req.Algorithm) || 'SHA256';
      const map: Record<string, string> = { SHA256: 'sha256', SHA_256: 'sha256', SM3: 'sm3' };
      const h = map[algorithm];
      if (!h) throw invalidParameter('Algorithm', 'Use SHA256 or SM3.');
      return { message: { Digest: createHash(h).update(buf(c.req.Message)).digest() } };
    },

    Hmac() {
      throw new KmsError('UnsupportedOperation', 'The mock KMS instance has no HMAC keys.', 400);
    },
  };
