import { createHash } from 'node:crypto';

/**
 * A JKS truststore with trusted-certificate entries. Java ignores certificates in a PKCS#12
 * truststore that lack its trusted-cert attribute, and keytool may be missing, so we write the
 * simple JKS format ourselves: magic, version 2, entries, then SHA-1 over
 * (password as UTF-16BE ‖ "Mighty Aphrodite" ‖ everything before).
 */
export function jksTruststore(certsDer: { alias: string; der: Buffer }[], password: string): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const utf = (s: string) => {
    const bytes = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(bytes.length);
    return Buffer.concat([len, bytes]);
  };
  parts.push(u32(0xfeedfeed), u32(2), u32(certsDer.length));
  for (const c of certsDer) {
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(Date.now()));
    parts.push(u32(2), utf(c.alias.toLowerCase()), ts, utf('X.509'), u32(c.der.length), c.der);
  }
  const body = Buffer.concat(parts);
  const pw = Buffer.alloc(password.length * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const digest = createHash('sha1').update(pw).update('Mighty Aphrodite', 'utf8').update(body).digest();
  return Buffer.concat([body, digest]);
}
