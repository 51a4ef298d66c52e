import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { promisify } from 'node:util';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH } from '../protocol/ciphertext-blob.js';
import { generateEcKey, signDigest, verifyDigest } from './ecdsa-digest.js';
import { invalidParameter, KmsError } from './errors.js';
import { privateKeyOf, publicKeyOf } from './pem-keys.js';
import { pkcs1Sign, pkcs1Verify, pssSign, pssVerify } from './rsa-digest.js';

/**
 * Key material per key spec, and the cryptography on it. Symmetric keys use AES-GCM (SM4 keys too:
 * node:crypto has no SM4-GCM, and only self-consistency matters for the mock).
 */
export interface Material {
  /** AES key (base64), RSA PKCS#8 PEM, or EC private scalar (hex). */
  secret: string;
  publicKeyPem?: string;
}

const generateKeyPairAsync = promisify(generateKeyPair);

export const SYMMETRIC_BYTES: Record<string, number> = {
  Aliyun_AES_256: 32,
  Aliyun_AES_128: 16,
  Aliyun_AES_192: 24,
  Aliyun_SM4: 16,
};

export function isSymmetric(spec: string): boolean {
  return spec in SYMMETRIC_BYTES;
}

export function isRsa(spec: string): boolean {
  return spec.startsWith('RSA_');
}

export async function generateMaterial(spec: string): Promise<Material> {
  if (isSymmetric(spec)) return { secret: randomBytes(SYMMETRIC_BYTES[spec]).toString('base64') };
  if (isRsa(spec)) {
    const bits = Number(spec.slice(4));
    const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: bits });
    return {
      secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  if (spec === 'EC_P256' || spec === 'EC_P256K') {
    // node:crypto generates these curves natively; the scalar is all ecdsa-digest needs.
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: spec === 'EC_P256' ? 'prime256v1' : 'secp256k1',
    });
    return {
      secret: Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url').toString('hex'),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  const ec = generateEcKey(spec);
  return { secret: ec.d, publicKeyPem: ec.publicKeyPem };
}

/** From an existing PEM private key (RSA), e.g. cached sample keys. */
export function rsaMaterialFromPem(pem: string): Material {
  return {
    secret: pem,
    publicKeyPem: createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function gcmAlgorithm(key: Buffer): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  return key.length === 16 ? 'aes-128-gcm' : key.length === 24 ? 'aes-192-gcm' : 'aes-256-gcm';
}

/** AES-GCM; returns ciphertext with the 16-byte tag appended. */
export function gcmEncrypt(m: Material, plaintext: Buffer, aad: Buffer, iv = randomBytes(GCM_IV_LENGTH)) {
  const key = Buffer.from(m.secret, 'base64');
  const c = createCipheriv(gcmAlgorithm(key), key, iv);
  if (aad.length) c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
  return { iv, ciphertext: ct };
}

export function gcmDecrypt(m: Material, iv: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const key = Buffer.from(m.secret, 'base64');
  if (iv.length !== GCM_IV_LENGTH || ciphertext.length < GCM_TAG_LENGTH) {
    throw invalidParameter('CiphertextBlob', 'The ciphertext or IV has the wrong length.');
  }
  try {
    const d = createDecipheriv(gcmAlgorithm(key), key, iv);
    if (aad.length) d.setAAD(aad);
    d.setAuthTag(ciphertext.subarray(ciphertext.length - GCM_TAG_LENGTH));
    return Buffer.concat([d.update(ciphertext.subarray(0, ciphertext.length - GCM_TAG_LENGTH)), d.final()]);
  } catch {
    throw new KmsError(
      'InvalidParameter',
      'The specified parameter CiphertextBlob is not valid: it does not decrypt with this key and EncryptionContext/Aad.',
      400,
    );
  }
}

const OAEP: Record<string, string> = { RSAES_OAEP_SHA_256: 'sha256', RSAES_OAEP_SHA_1: 'sha1' };

export function rsaEncrypt(m: Material, algorithm: string, plaintext: Buffer): Buffer {
  const hash = OAEP[algorithm];
  if (!hash)
    throw invalidParameter('Algorithm', `Use RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1, not ${algorithm}.`);
  return publicEncrypt(
    { key: publicKeyOf(m.publicKeyPem ?? ''), oaepHash: hash, padding: constants.RSA_PKCS1_OAEP_PADDING },
    plaintext,
  );
}

export function rsaDecrypt(m: Material, algorithm: string, ciphertext: Buffer): Buffer {
  const hash = OAEP[algorithm];
  if (!hash)
    throw invalidParameter('Algorithm', `Use RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1, not ${algorithm}.`);
  try {
    return privateDecrypt(
      { key: privateKeyOf(m.secret), oaepHash: hash, padding: constants.RSA_PKCS1_OAEP_PADDING },
      ciphertext,
    );
  } catch {
    throw invalidParameter('CiphertextBlob', 'It does not decrypt with this key.');
  }
}

/** RSA encryption to an arbitrary public key (ExportDataKey wrapping). */
export function wrapWithPublicKey(publicKeyDerB64: string, algorithm: string, data: Buffer): Buffer {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: Buffer.from(publicKeyDerB64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw invalidParameter('PublicKeyBlob', 'It must be a base64 DER SubjectPublicKeyInfo.');
  }
  if (algorithm === 'RSAES_PKCS1_V1_5')
    return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data);
  const hash = OAEP[algorithm];
  if (!hash) throw invalidParameter('WrappingAlgorithm');
  return publicEncrypt({ key, oaepHash: hash, padding: constants.RSA_PKCS1_OAEP_PADDING }, data);
}

const SIGN_ALGORITHMS: Record<string, (spec: string) => boolean> = {
  RSA_PSS_SHA_256: isRsa,
  RSA_PKCS1_SHA_256: isRsa,
  ECDSA_SHA_256: (s) => s === 'EC_P256' || s === 'EC_P256K',
  SM2DSA: (s) => s === 'EC_SM2',
};

function checkSignAlgorithm(spec: string, algorithm: string): void {
  const fits = SIGN_ALGORITHMS[algorithm];
  if (!fits?.(spec)) {
    throw invalidParameter('Algorithm', `${algorithm || '(empty)'} does not fit a ${spec} key.`);
  }
}

export function defaultSignAlgorithm(spec: string): string {
  return isRsa(spec) ? 'RSA_PSS_SHA_256' : spec === 'EC_SM2' ? 'SM2DSA' : 'ECDSA_SHA_256';
}

export function signWithDigest(m: Material, spec: string, algorithm: string, digest: Buffer): Buffer {
  checkSignAlgorithm(spec, algorithm);
  if (digest.length !== 32) throw invalidParameter('Digest', 'It must be a 32-byte SHA-256 digest.');
  if (algorithm === 'RSA_PSS_SHA_256') return pssSign(m, digest);
  if (algorithm === 'RSA_PKCS1_SHA_256') return pkcs1Sign(m, digest);
  return signDigest(spec, m.secret, digest);
}

export function verifyWithDigest(
  m: Material,
  spec: string,
  algorithm: string,
  digest: Buffer,
  sig: Buffer,
): boolean {
  checkSignAlgorithm(spec, algorithm);
  if (digest.length !== 32) throw invalidParameter('Digest', 'It must be a 32-byte SHA-256 digest.');
  try {
    if (algorithm === 'RSA_PSS_SHA_256') return pssVerify(m, digest, sig);
    if (algorithm === 'RSA_PKCS1_SHA_256') return pkcs1Verify(m, digest, sig);
    return verifyDigest(spec, m.publicKeyPem ?? '', digest, sig);
  } catch {
    return false;
  }
}
