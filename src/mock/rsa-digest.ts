import { constants, createHash, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import type { Material } from './key-material.js';
import { privateKeyOf, publicKeyOf } from './pem-keys.js';

/**
 * RSA signatures over a caller-supplied SHA-256 digest (AsymmetricSign, instance Sign with
 * MessageType DIGEST). node:crypto only signs messages it hashes itself, so the PKCS#1 v1.5 and
 * PSS encodings are built here and applied with the raw RSA operation. The results verify with
 * any standard verifier (PSS salt length 32).
 */
export const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function mgf1(seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(i);
    out.push(createHash('sha256').update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

export function modulusBits(m: Material): number {
  return publicKeyOf(m.publicKeyPem ?? '').asymmetricKeyDetails?.modulusLength ?? 2048;
}

/** EMSA-PSS-ENCODE (SHA-256, MGF1-SHA-256, salt = 32 bytes) of a digest, raw-RSA signed. */
export function pssSign(m: Material, digest: Buffer): Buffer {
  const bits = modulusBits(m);
  const emBits = bits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(32);
  const H = createHash('sha256').update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 32 - 32 - 2), Buffer.from([1]), salt]);
  const mask = mgf1(H, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, H, Buffer.from([0xbc])]);
  const k = Math.ceil(bits / 8);
  return privateDecrypt(
    { key: privateKeyOf(m.secret), padding: constants.RSA_NO_PADDING },
    Buffer.concat([Buffer.alloc(k - em.length), em]),
  );
}

export function pssVerify(m: Material, digest: Buffer, sig: Buffer): boolean {
  const bits = modulusBits(m);
  if (sig.length !== Math.ceil(bits / 8)) return false;
  let em = publicEncrypt({ key: publicKeyOf(m.publicKeyPem ?? ''), padding: constants.RSA_NO_PADDING }, sig);
  const emBits = bits - 1;
  const emLen = Math.ceil(emBits / 8);
  em = em.subarray(em.length - emLen);
  if (em[em.length - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - 33));
  const H = em.subarray(emLen - 33, emLen - 1);
  const mask = mgf1(H, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const one = db.indexOf(1);
  if (one < 0 || db.subarray(0, one).some((b) => b !== 0)) return false;
  const salt = db.subarray(one + 1);
  const H2 = createHash('sha256').update(Buffer.alloc(8)).update(digest).update(salt).digest();
  return H2.equals(H);
}

export function pkcs1Pad(t: Buffer, k: number): Buffer {
  return Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(k - t.length - 3, 0xff), Buffer.from([0]), t]);
}

export function pkcs1Sign(m: Material, digest: Buffer): Buffer {
  return privateDecrypt(
    { key: privateKeyOf(m.secret), padding: constants.RSA_NO_PADDING },
    pkcs1Pad(Buffer.concat([SHA256_DIGEST_INFO, digest]), Math.ceil(modulusBits(m) / 8)),
  );
}

export function pkcs1Verify(m: Material, digest: Buffer, sig: Buffer): boolean {
  const k = Math.ceil(modulusBits(m) / 8);
  if (sig.length !== k) return false;
  const em = publicEncrypt(
    { key: publicKeyOf(m.publicKeyPem ?? ''), padding: constants.RSA_NO_PADDING },
    sig,
  );
  return em.equals(pkcs1Pad(Buffer.concat([SHA256_DIGEST_INFO, digest]), k));
}
