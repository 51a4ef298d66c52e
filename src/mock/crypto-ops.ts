import { createHash, randomBytes } from 'node:crypto';
import { CiphertextLedger } from './ciphertext-ledger.js';
import { invalidParameter, KmsError } from './errors.js';
import { gcmDecrypt, gcmEncrypt, isRsa, isSymmetric, rsaDecrypt, rsaEncrypt } from './key-material.js';
import type { Keystore, KeyVersion, StoredKey } from './keystore.js';

/**
 * Symmetric operations shared by both faces: one inner format (AES-GCM, 12-byte IV, ct‖tag) so a
 * ciphertext made through either face decrypts through the other.
 */
export interface SealedData {
  key: StoredKey;
  version: KeyVersion;
  iv: Buffer;
  ciphertext: Buffer;
}

export function requireUsage(key: StoredKey, usage: 'ENCRYPT/DECRYPT' | 'SIGN/VERIFY'): void {
  if (key.keyUsage !== usage) {
    throw new KmsError(
      'Forbidden.KeyUsage',
      `The key usage is ${key.keyUsage}; this call needs ${usage}.`,
      400,
    );
  }
}

export async function sealSymmetric(
  ks: Keystore,
  key: StoredKey,
  plaintext: Buffer,
  aad: Buffer,
  which: 'initial' | 'primary' = 'primary',
): Promise<SealedData> {
  ks.checkUsable(key);
  if (!isSymmetric(key.keySpec)) {
    throw new KmsError(
      'Forbidden.KeyUsage',
      `The key ${key.keyId} is ${key.keySpec}; use an asymmetric call or Algorithm.`,
      400,
    );
  }
  const version = which === 'initial' ? key.versions[0] : ks.version(key);
  const m = await ks.material(key, version);
  const { iv, ciphertext } = gcmEncrypt(m, plaintext, aad);
  ks.ledger.record(CiphertextLedger.ofIv(iv));
  return { key, version, iv, ciphertext };
}

/** Decrypts by key version id (the transfer blob and the migration header carry it). */
export async function openSymmetric(
  ks: Keystore,
  versionId: string,
  iv: Buffer,
  ciphertext: Buffer,
  aad: Buffer,
  expectedKey?: StoredKey,
): Promise<{ key: StoredKey; version: KeyVersion; plaintext: Buffer }> {
  const found = ks.byVersionId(versionId);
  if (!found || (expectedKey && found.key !== expectedKey)) {
    throw new KmsError(
      'InvalidParameter',
      'The specified parameter CiphertextBlob is not valid: no key version matches it.',
      400,
    );
  }
  ks.checkUsable(found.key);
  return ks.ledger.opening(CiphertextLedger.ofIv(iv), async () => {
    const m = await ks.material(found.key, found.version);
    return { ...found, plaintext: gcmDecrypt(m, iv, ciphertext, aad) };
  });
}

export async function asymmetricEncrypt(
  ks: Keystore,
  key: StoredKey,
  versionId: string | undefined,
  algorithm: string,
  plaintext: Buffer,
) {
  ks.checkUsable(key);
  requireUsage(key, 'ENCRYPT/DECRYPT');
  if (!isRsa(key.keySpec))
    throw invalidParameter('Algorithm', `Asymmetric encryption needs an RSA key, not ${key.keySpec}.`);
  const version = ks.version(key, versionId);
  return { version, ciphertext: await sealRsa(ks, key, version, algorithm, plaintext) };
}

/** RSA-OAEP with the version's public key; the ciphertext goes into the ledger as both faces make it. */
export async function sealRsa(
  ks: Keystore,
  key: StoredKey,
  version: KeyVersion,
  algorithm: string,
  plaintext: Buffer,
): Promise<Buffer> {
  const ciphertext = rsaEncrypt(await ks.material(key, version), algorithm, plaintext);
  ks.ledger.record(CiphertextLedger.ofCiphertext(ciphertext));
  return ciphertext;
}

/** RSA-OAEP decryption, noted in the ledger when the ciphertext is from before the latest move. */
export function openRsa(
  ks: Keystore,
  key: StoredKey,
  version: KeyVersion,
  algorithm: string,
  ciphertext: Buffer,
): Promise<Buffer> {
  return ks.ledger.opening(CiphertextLedger.ofCiphertext(ciphertext), async () =>
    rsaDecrypt(await ks.material(key, version), algorithm, ciphertext),
  );
}

export async function asymmetricDecrypt(
  ks: Keystore,
  key: StoredKey,
  versionId: string | undefined,
  algorithm: string,
  ciphertext: Buffer,
) {
  ks.checkUsable(key);
  requireUsage(key, 'ENCRYPT/DECRYPT');
  if (!isRsa(key.keySpec))
    throw invalidParameter('Algorithm', `Asymmetric decryption needs an RSA key, not ${key.keySpec}.`);
  const version = ks.version(key, versionId);
  return { version, plaintext: await openRsa(ks, key, version, algorithm, ciphertext) };
}

export function dataKeyLength(
  keySpec: string | undefined,
  numberOfBytes: string | number | undefined,
): number {
  if (numberOfBytes !== undefined && numberOfBytes !== '' && numberOfBytes !== 0) {
    const n = Number(numberOfBytes);
    if (!Number.isInteger(n) || n < 1 || n > 1024)
      throw invalidParameter('NumberOfBytes', 'It must be 1..1024.');
    return n;
  }
  if (!keySpec || keySpec === 'AES_256') return 32;
  if (keySpec === 'AES_128') return 16;
  throw invalidParameter('KeySpec', 'Use AES_256 or AES_128.');
}

export const newDataKey = (length: number) => randomBytes(length);

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
