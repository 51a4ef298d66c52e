import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockHandle } from '../../src/mock/index.js';
import { startMock } from '../../src/mock/index.js';
import {
  encryptionContextAad,
  packTransferBlob,
  unpackAdvanceBlob,
} from '../../src/protocol/ciphertext-blob.js';
import { createClientKey, readClientKey } from '../../src/protocol/client-key.js';
import { type CallOptions, callInstance } from './helpers/instance-client.js';

let mock: MockHandle;
let opts: CallOptions;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  const key = readClientKey(mock.clientKeyContent, mock.clientKeyPassword);
  opts = {
    endpoint: mock.instanceEndpoint,
    ca: mock.caPem,
    clientKeyId: key.keyId,
    privateKeyPem: key.privateKeyPem,
  };
});
afterAll(async () => mock?.close());

describe('instance face (dkms-gcs-0.2)', () => {
  it('encrypts and decrypts, returning the migration key version header', async () => {
    const aad = encryptionContextAad({ app: 'demo' });
    const enc = await callInstance(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: Buffer.from('hello'), Aad: aad },
      opts,
    );
    expect(enc.status).toBe(200);
    const kv = enc.headers['x-kms-migrationkeyversionid'] as string;
    expect(kv).toMatch(/^[0-9a-f-]{36}$/);
    expect((enc.message.Iv as Buffer).length).toBe(12);
    // Transfer-style decrypt: no KeyId, version in the header.
    const dec = await callInstance(
      'Decrypt',
      { CiphertextBlob: enc.message.CiphertextBlob, Iv: enc.message.Iv, Aad: aad },
      { ...opts, extraHeaders: { 'x-kms-migrationkeyversionid': kv } },
    );
    expect(dec.status).toBe(200);
    expect((dec.message.Plaintext as Buffer).toString()).toBe('hello');
    // Direct-SDK decrypt: KeyId + Iv, no header.
    const direct = await callInstance(
      'Decrypt',
      {
        KeyId: mock.sampleKeys.aes,
        CiphertextBlob: enc.message.CiphertextBlob,
        Iv: enc.message.Iv,
        Aad: aad,
      },
      opts,
    );
    expect((direct.message.Plaintext as Buffer).toString()).toBe('hello');
    // Wrong Aad is refused.
    const bad = await callInstance(
      'Decrypt',
      { KeyId: mock.sampleKeys.aes, CiphertextBlob: enc.message.CiphertextBlob, Iv: enc.message.Iv },
      opts,
    );
    expect(bad.status).toBe(400);
    expect(bad.message.ErrorCode).toBe('InvalidParameter');
  });

  it('GenerateDataKey uses the same key version as a following Encrypt', async () => {
    const gdk = await callInstance(
      'GenerateDataKey',
      { KeyId: mock.sampleKeys.aes, NumberOfBytes: 32 },
      opts,
    );
    const enc = await callInstance(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: Buffer.from('x') },
      opts,
    );
    expect((gdk.message.Plaintext as Buffer).length).toBe(32);
    expect(gdk.headers['x-kms-migrationkeyversionid']).toBe(enc.headers['x-kms-migrationkeyversionid']);
  });

  it('Advance ciphertexts carry $ 00 02 | kvid | iv and decrypt with or without KeyId', async () => {
    const enc = await callInstance(
      'AdvanceEncrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: Buffer.from('adv') },
      opts,
    );
    const blob = enc.message.CiphertextBlob as Buffer;
    const parts = unpackAdvanceBlob(blob);
    expect(parts.keyVersionId).toBe(enc.message.KeyVersionId);
    expect(parts.iv).toEqual(enc.message.Iv);
    const dec = await callInstance('AdvanceDecrypt', { CiphertextBlob: blob }, opts);
    expect((dec.message.Plaintext as Buffer).toString()).toBe('adv');
    expect(dec.message.KeyVersionId).toBe(parts.keyVersionId);
    // A plain Encrypt blob also goes through AdvanceDecrypt with KeyId + Iv.
    const plain = await callInstance(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: Buffer.from('p') },
      opts,
    );
    const dec2 = await callInstance(
      'AdvanceDecrypt',
      { KeyId: mock.sampleKeys.aes, CiphertextBlob: plain.message.CiphertextBlob, Iv: plain.message.Iv },
      opts,
    );
    expect((dec2.message.Plaintext as Buffer).toString()).toBe('p');
    const adk = await callInstance(
      'AdvanceGenerateDataKey',
      { KeyId: mock.sampleKeys.aes, NumberOfBytes: 16 },
      opts,
    );
    const dk = await callInstance('AdvanceDecrypt', { CiphertextBlob: adk.message.CiphertextBlob }, opts);
    expect(dk.message.Plaintext).toEqual(adk.message.Plaintext);
  });

  it('signs and verifies RSA and EC over RAW and DIGEST messages', async () => {
    for (const keyId of [mock.sampleKeys.rsaSign, mock.sampleKeys.ecSign]) {
      const digest = createHash('sha256').update('msg').digest();
      const sig = await callInstance(
        'Sign',
        { KeyId: keyId, Message: Buffer.from('msg'), MessageType: 'RAW' },
        opts,
      );
      expect(sig.status).toBe(200);
      const ok = await callInstance(
        'Verify',
        { KeyId: keyId, Message: digest, MessageType: 'DIGEST', Signature: sig.message.Signature },
        opts,
      );
      expect(ok.message.Value).toBe(true);
      const no = await callInstance(
        'Verify',
        { KeyId: keyId, Message: Buffer.from('other'), MessageType: 'RAW', Signature: sig.message.Signature },
        opts,
      );
      expect(no.message.Value ?? false).toBe(false);
    }
  });

  it('serves RSA encryption, public keys, random bytes, secrets and data key pairs', async () => {
    const enc = await callInstance(
      'Encrypt',
      { KeyId: mock.sampleKeys.rsaEncrypt, Plaintext: Buffer.from('r'), Algorithm: 'RSAES_OAEP_SHA_256' },
      opts,
    );
    const dec = await callInstance(
      'Decrypt',
      {
        KeyId: mock.sampleKeys.rsaEncrypt,
        CiphertextBlob: enc.message.CiphertextBlob,
        Algorithm: 'RSAES_OAEP_SHA_256',
      },
      opts,
    );
    expect((dec.message.Plaintext as Buffer).toString()).toBe('r');
    const pk = await callInstance('GetPublicKey', { KeyId: mock.sampleKeys.rsaEncrypt }, opts);
    expect(pk.message.PublicKey).toMatch(/BEGIN PUBLIC KEY/);
    const rnd = await callInstance('GenerateRandom', { Length: 24 }, opts);
    expect((rnd.message.Random as Buffer).length).toBe(24);
    const sec = await callInstance('GetSecretValue', { SecretName: mock.sampleSecret.name }, opts);
    expect(sec.message.SecretData).toBe(mock.sampleSecret.value);
    expect(sec.message.VersionStages).toEqual(['ACSCurrent']);
    const pair = await callInstance(
      'AdvanceGenerateDataKeyPair',
      { KeyId: mock.sampleKeys.aes, KeyPairSpec: 'EC_P256', KeyFormat: 'PEM' },
      opts,
    );
    expect(pair.status).toBe(200);
    const priv = await callInstance(
      'AdvanceDecrypt',
      { CiphertextBlob: pair.message.PrivateKeyCiphertextBlob },
      opts,
    );
    expect(priv.message.Plaintext).toEqual(pair.message.PrivateKeyPlaintext);
  });

  it('decrypts a gateway-made transfer blob after the key moved', async () => {
    const meta = mock.admin.createKey({});
    const res = await fetch(`${mock.gatewayUrl}/?${new URLSearchParams(await signedQuery(meta.KeyId))}`, {
      method: 'POST',
    });
    const { CiphertextBlob } = (await res.json()) as { CiphertextBlob: string };
    const before = await callInstance(
      'Decrypt',
      { KeyId: meta.KeyId, CiphertextBlob: Buffer.from('x'), Iv: Buffer.alloc(12) },
      opts,
    );
    expect(before.message.ErrorCode).toBe('Forbidden.KeyNotFound');
    mock.admin.moveKeys([meta.KeyId]);
    const raw = Buffer.from(CiphertextBlob, 'base64');
    const dec = await callInstance(
      'Decrypt',
      { CiphertextBlob: raw.subarray(48), Iv: raw.subarray(36, 48), Aad: encryptionContextAad({ k: 'v' }) },
      { ...opts, extraHeaders: { 'x-kms-migrationkeyversionid': raw.subarray(0, 36).toString() } },
    );
    expect((dec.message.Plaintext as Buffer).toString()).toBe('before-move');
    expect(
      packTransferBlob({
        keyVersionId: raw.subarray(0, 36).toString(),
        iv: raw.subarray(36, 48),
        ciphertext: raw.subarray(48),
      }),
    ).toBe(CiphertextBlob);
  });
});

describe('empty EncryptionContext forms, as the vendor transfer SDKs hash them', () => {
  const sha256Empty = createHash('sha256').update('').digest();

  // A gateway ciphertext, opened on the instance face with the AAD a transfer SDK would send.
  async function gatewayThenInstance(context: string | null, aad: Buffer | undefined) {
    const meta = mock.admin.createKey({});
    const res = await fetch(
      `${mock.gatewayUrl}/?${new URLSearchParams(await signedQuery(meta.KeyId, context))}`,
      { method: 'POST' },
    );
    const body = (await res.json()) as { CiphertextBlob?: string; Code?: string };
    if (!body.CiphertextBlob) return body.Code;
    mock.admin.moveKeys([meta.KeyId]);
    const raw = Buffer.from(body.CiphertextBlob, 'base64');
    const dec = await callInstance(
      'Decrypt',
      { CiphertextBlob: raw.subarray(48), Iv: raw.subarray(36, 48), ...(aad ? { Aad: aad } : {}) },
      { ...opts, extraHeaders: { 'x-kms-migrationkeyversionid': raw.subarray(0, 36).toString() } },
    );
    return dec.status === 200 ? (dec.message.Plaintext as Buffer).toString() : dec.message.ErrorCode;
  }

  it("'{}' and ' {} ' are SHA-256 of the empty context, not \"no AAD\"", async () => {
    expect(encryptionContextAad({})).toEqual(sha256Empty);
    expect(await gatewayThenInstance('{}', sha256Empty)).toBe('before-move');
    expect(await gatewayThenInstance(' {} ', sha256Empty)).toBe('before-move');
    expect(await gatewayThenInstance('{}', undefined)).toBe('InvalidParameter');
  });

  it("'' and an absent context send no AAD; whitespace alone is refused", async () => {
    expect(await gatewayThenInstance('', undefined)).toBe('before-move');
    expect(await gatewayThenInstance(null, undefined)).toBe('before-move');
    expect(await gatewayThenInstance(null, sha256Empty)).toBe('InvalidParameter');
    expect(await gatewayThenInstance(' ', undefined)).toBe('InvalidParameter');
  });
});

/** `null` sends no EncryptionContext at all. */
async function signedQuery(keyId: string, context: string | null = '{"k":"v"}') {
  const { signRpcRequest } = await import('../../src/protocol/rpc-signature.js');
  return signRpcRequest({
    method: 'POST',
    action: 'Encrypt',
    params: {
      KeyId: keyId,
      Plaintext: 'before-move',
      ...(context === null ? {} : { EncryptionContext: context }),
    },
    accessKeyId: mock.accessKeyId,
    accessKeySecret: mock.accessKeySecret,
  });
}

function flipLast(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out[out.length - 1] ^= 0x01;
  return out;
}

describe('instance face security', () => {
  const errorOf = async (p: Promise<{ status: number; message: Record<string, unknown> }>) => {
    const r = await p;
    return [r.status, r.message.ErrorCode];
  };

  it('refuses a tampered signature, a wrong client key, an expired Date, an unknown KeyId and a tampered body', async () => {
    const req = { KeyId: mock.sampleKeys.aes, Plaintext: Buffer.from('x') };
    expect(
      await errorOf(
        callInstance('Encrypt', req, {
          ...opts,
          tamper: (h, b) => ({
            headers: { ...h, authorization: `Bearer ${Buffer.alloc(256, 1).toString('base64')}` },
            body: b,
          }),
        }),
      ),
    ).toEqual([401, 'SignatureNotMatch']);
    const stranger = createClientKey({ password: 'p', keyId: opts.clientKeyId });
    expect(
      await errorOf(callInstance('Encrypt', req, { ...opts, privateKeyPem: stranger.privateKeyPem })),
    ).toEqual([401, 'SignatureNotMatch']);
    expect(await errorOf(callInstance('Encrypt', req, { ...opts, clientKeyId: 'KAAP.unknown' }))).toEqual([
      401,
      'Unauthorized',
    ]);
    expect(
      await errorOf(callInstance('Encrypt', req, { ...opts, date: new Date(Date.now() - 3600_000) })),
    ).toEqual([400, 'RequestTimeTooSkewed']);
    expect(await errorOf(callInstance('Encrypt', { ...req, KeyId: 'no-such-key' }, opts))).toEqual([
      404,
      'Forbidden.KeyNotFound',
    ]);
    expect(
      await errorOf(
        callInstance('Encrypt', req, { ...opts, tamper: (h, b) => ({ headers: h, body: flipLast(b) }) }),
      ),
    ).toEqual([400, 'InvalidParam']);
    // Body and content-sha256 both changed: only the signature can catch it.
    expect(
      await errorOf(
        callInstance('Encrypt', req, {
          ...opts,
          tamper: (h, b) => {
            const body = flipLast(b);
            return {
              headers: {
                ...h,
                'content-sha256': createHash('sha256').update(body).digest('hex').toUpperCase(),
              },
              body,
            };
          },
        }),
      ),
    ).toEqual([401, 'SignatureNotMatch']);
  });

  it('refuses a client that does not trust the mock CA', async () => {
    const [host, port] = mock.instanceEndpoint.split(':');
    const err = await new Promise<Error>((resolve) => {
      const r = request({ host, port: Number(port), method: 'POST', path: '/', agent: false }, () =>
        resolve(new Error('connected')),
      );
      r.on('error', resolve);
      r.end();
    });
    expect((err as NodeJS.ErrnoException).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });

  it('throttles with Rejected.Throttling over the QPS limit', async () => {
    mock.admin.setQps('instance', 1);
    await callInstance('GenerateRandom', { Length: 4 }, opts);
    const r = await callInstance('GenerateRandom', { Length: 4 }, opts);
    mock.admin.setQps('instance', 0);
    expect(r.message.ErrorCode).toBe('Rejected.Throttling');
  });
});
