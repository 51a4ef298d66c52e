import { spawnSync } from 'node:child_process';
import { createHash, createSign, createVerify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  encodeEncryptionContext,
  encryptionContextAad,
  packAdvanceBlob,
  packTransferBlob,
  parseEncryptionContext,
  unpackAdvanceBlob,
  unpackTransferBlob,
} from '../../src/protocol/ciphertext-blob.js';
import { ClientKeyError, createClientKey, readClientKey } from '../../src/protocol/client-key.js';
import { skipOrFail } from '../support/gate.js';

describe('client key files', () => {
  const created = createClientKey({ password: 'pw-123' });

  it('writes {KeyId, PrivateKeyData} whose PKCS#12 reads back to the same RSA key', () => {
    const file = JSON.parse(created.content);
    expect(Object.keys(file).sort()).toEqual(['KeyId', 'PrivateKeyData']);
    expect(file.KeyId).toMatch(/^KAAP\.[0-9a-f-]{36}$/);
    const back = readClientKey(created.content, 'pw-123');
    const sig = createSign('RSA-SHA256').update('x').sign(back.privateKeyPem);
    expect(createVerify('RSA-SHA256').update('x').verify(created.publicKeyPem, sig)).toBe(true);
    // the certificate is for the same key (Go's tls.X509KeyPair checks that)
    const certKey = forge.pki.certificateFromPem(back.certificatePem).publicKey as forge.pki.rsa.PublicKey;
    expect(forge.pki.publicKeyToPem(certKey).replace(/\r/g, '')).toBe(created.publicKeyPem);
  });

  it('uses the legacy layout: cert safe first, 3DES shrouded key bag, SHA-1 MAC', () => {
    const der = forge.util.decode64(JSON.parse(created.content).PrivateKeyData);
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), 'pw-123');
    expect(p12.safeContents[0].safeBags[0].type).toBe(forge.pki.oids.certBag);
    expect(p12.safeContents[1].safeBags[0].type).toBe(forge.pki.oids.pkcs8ShroudedKeyBag);
  });

  it('openssl pkcs12 -info agrees on the algorithms', (ctx) => {
    const der = forge.util.decode64(JSON.parse(created.content).PrivateKeyData);
    const dir = mkdtempSync(join(tmpdir(), 'ck-'));
    const f = join(dir, 'k.p12');
    writeFileSync(f, Buffer.from(der, 'binary'));
    const r = spawnSync('openssl', ['pkcs12', '-info', '-in', f, '-noout', '-passin', 'pass:pw-123'], {
      encoding: 'utf8',
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
      skipOrFail(ctx, 'openssl is not installed: cannot cross-check the PKCS#12 file');
    // OpenSSL 3 prints -info to stderr, 1.1 to stdout: read both, and a tool that ran and said nothing fails.
    const info = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    expect(r.status, info).toBe(0);
    expect(info.trim(), 'openssl ran and printed nothing').not.toBe('');
    expect(info).toMatch(/MAC: sha1/i);
    expect(info).toMatch(/3-KeyTripleDES|des-ede3/i);
    expect(info).toMatch(/Certificate bag/i);
  });

  it('reports a wrong password without echoing it', () => {
    let caught: unknown;
    try {
      readClientKey(created.content, 'secret-guess-42');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ClientKeyError);
    expect((caught as ClientKeyError).code).toBe('WrongPassword');
    expect((caught as Error).message).not.toContain('secret-guess-42');
    expect(() => readClientKey('{"KeyId":1}', 'x')).toThrow(/missing the KeyId/);
  });
});

describe('ciphertext blobs', () => {
  const kv = '12345678-1234-1234-1234-123456789012';
  const iv = Buffer.alloc(12, 7);
  const ct = Buffer.from('ciphertext-and-tag-16bytes');

  it('packs the transfer blob as kvid ‖ iv ‖ ct and unpacks it', () => {
    const b64 = packTransferBlob({ keyVersionId: kv, iv, ciphertext: ct });
    const raw = Buffer.from(b64, 'base64');
    expect(raw.subarray(0, 36).toString()).toBe(kv);
    expect(raw.subarray(36, 48)).toEqual(iv);
    expect(unpackTransferBlob(b64)).toEqual({ keyVersionId: kv, iv, ciphertext: ct });
    expect(() => unpackTransferBlob(Buffer.alloc(48).toString('base64'))).toThrow(/too short/);
    expect(() => packTransferBlob({ keyVersionId: 'short', iv, ciphertext: ct })).toThrow(/36 bytes/);
  });

  it('packs the Advance layout with the $ 00 02 header', () => {
    const blob = packAdvanceBlob({ keyVersionId: kv, iv, ciphertext: ct });
    expect([...blob.subarray(0, 3)]).toEqual([0x24, 0, 2]);
    expect(unpackAdvanceBlob(blob).keyVersionId).toBe(kv);
    // stripping the header gives the transfer blob bytes (how the newer SDKs interoperate)
    expect(blob.subarray(3).toString('base64')).toBe(
      packTransferBlob({ keyVersionId: kv, iv, ciphertext: ct }),
    );
  });

  it('hashes the EncryptionContext sorted as k=v&...', () => {
    expect(encodeEncryptionContext({ b: '2', a: '1' })).toBe('a=1&b=2');
    expect(encryptionContextAad({ b: '2', a: '1' })).toEqual(createHash('sha256').update('a=1&b=2').digest());
    expect(encryptionContextAad(undefined).length).toBe(0);
    // As the vendor transfer SDKs: an empty context object still hashes (the empty string).
    expect(encryptionContextAad({})).toEqual(createHash('sha256').update('').digest());
  });

  it('reads the context parameter as the transfer SDKs do: absent and empty are none, whitespace is refused', () => {
    expect(parseEncryptionContext(undefined)).toBeUndefined();
    expect(parseEncryptionContext('')).toBeUndefined();
    expect(parseEncryptionContext('{}')).toEqual({});
    expect(parseEncryptionContext(' {} ')).toEqual({});
    expect(() => parseEncryptionContext(' ')).toThrow(/not JSON/);
    expect(() => parseEncryptionContext('[]')).toThrow(/must be a JSON object/);
  });
});
