import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Parsed key objects per PEM: parsing a PEM costs more than the RSA operation itself, and every
 * request of both faces (client-key signatures, RSA encrypt/decrypt/sign/verify) reuses a handful
 * of keys. Bounded by the keys the mock holds.
 */
function parsedOnce(parse: (pem: string) => KeyObject): (pem: string) => KeyObject {
  const parsed = new Map<string, KeyObject>();
  return (pem) => {
    let k = parsed.get(pem);
    if (!k) {
      k = parse(pem);
      parsed.set(pem, k);
    }
    return k;
  };
}

export const publicKeyOf = parsedOnce(createPublicKey);
export const privateKeyOf = parsedOnce(createPrivateKey);
