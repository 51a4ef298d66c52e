import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Parsed key objects per PEM: parsing a PEM costs more than the RSA operation itself, and every
 * request of both faces (client-key signatures, RSA encrypt/decrypt/sign/verify) reuses a handful
 * of keys. Bounded by the keys the mock holds.
 */
const publicKeys = new Map<string, KeyObject>();
const privateKeys = new Map<string, KeyObject>();

export function publicKeyOf(pem: string): KeyObject {
  let k = publicKeys.get(pem);
  if (!k) {
    k = createPublicKey(pem);
    publicKeys.set(pem, k);
  }
  return k;
}

export function privateKeyOf(pem: string): KeyObject {
  let k = privateKeys.get(pem);
  if (!k) {
    k = createPrivateKey(pem);
    privateKeys.set(pem, k);
  }
  return k;
}
