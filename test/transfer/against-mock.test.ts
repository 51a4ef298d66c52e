import {
  constants,
  createHash,
  createPublicKey,
  createVerify,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { INSTANCE_ACTIONS, type InstanceAction } from '../../src/model/kms-actions.js';
import type { KmsTransferError, KmsTransferPopClient } from '../../src/transfer/index.js';
import { LEGACY_ACTION_HANDLERS } from '../../src/transfer/legacy-actions.js';
import { everything, POST, popOptions, transferClient } from './helpers/mock-client.js';

type Mock = Awaited<ReturnType<typeof startMock>>;
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as an app does
type Json = Record<string, any>;

let mock: Mock;
let client: KmsTransferPopClient;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  client = transferClient(mock);
});
afterAll(async () => {
  client?.close();
  await mock?.close();
});

const instanceCount = (action: string) => mock.admin.callCounts().instance[action] ?? 0;
const gatewayCount = (action: string) => mock.admin.callCounts().gateway[action] ?? 0;

describe('the ten instance actions against the mock', () => {
  it('Encrypt/Decrypt round-trip on the instance, with the EncryptionContext enforced', async () => {
    mock.admin.resetCounts();
    const ctx = JSON.stringify({ order: '42', app: 'shop' });
    const enc: Json = await client.request(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: 'hello 世界', EncryptionContext: ctx },
      POST,
    );
    expect(enc.KeyVersionId).toHaveLength(36);
    expect(Buffer.from(enc.CiphertextBlob, 'base64').subarray(0, 36).toString()).toBe(enc.KeyVersionId);
    const dec: Json = await client.request(
      'Decrypt',
      { CiphertextBlob: enc.CiphertextBlob, EncryptionContext: ctx },
      POST,
    );
    expect(dec.Plaintext).toBe('hello 世界');
    expect(dec.KeyId).toBe(enc.KeyId);
    // the same context with keys in another order is the same AAD
    const reordered = JSON.stringify({ app: 'shop', order: '42' });
    expect(
      (
        (await client.request(
          'Decrypt',
          { CiphertextBlob: enc.CiphertextBlob, EncryptionContext: reordered },
          POST,
        )) as Json
      ).Plaintext,
    ).toBe('hello 世界');
    const wrong = await client
      .request(
        'Decrypt',
        {
          CiphertextBlob: enc.CiphertextBlob,
          EncryptionContext: JSON.stringify({ order: '43', app: 'shop' }),
        },
        POST,
      )
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(Error);
    const noCtx = await client
      .request('Decrypt', { CiphertextBlob: enc.CiphertextBlob }, POST)
      .catch((e: unknown) => e);
    expect(noCtx).toBeInstanceOf(Error);
    expect(instanceCount('Encrypt')).toBe(1);
    expect(instanceCount('Decrypt')).toBe(4);
    expect(gatewayCount('Encrypt') + gatewayCount('Decrypt')).toBe(0);
  });

  it('accepts pop-core lower-case action and parameter names', async () => {
    const enc: Json = await client.request('encrypt', { keyId: mock.sampleKeys.aes, plaintext: 'lower' });
    const dec: Json = await client.request('decrypt', { ciphertextBlob: enc.CiphertextBlob });
    expect(dec.Plaintext).toBe('lower');
    // with formatAction: false pop-core sends `encrypt` as written: not an instance action, so it
    // goes to the gateway (which does not know it), never to the instance
    mock.admin.resetCounts();
    await expect(
      client.request('encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x' }, { formatAction: false }),
    ).rejects.toThrow();
    expect(Object.values(mock.admin.callCounts().instance).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('GenerateDataKey and GenerateDataKeyWithoutPlaintext wrap the base64 data key text', async () => {
    const ctx = JSON.stringify({ purpose: 'envelope' });
    const gdk: Json = await client.request(
      'GenerateDataKey',
      { KeyId: mock.sampleKeys.aes, KeySpec: 'AES_128', EncryptionContext: ctx },
      POST,
    );
    expect(Buffer.from(gdk.Plaintext, 'base64')).toHaveLength(16);
    const back: Json = await client.request(
      'Decrypt',
      { CiphertextBlob: gdk.CiphertextBlob, EncryptionContext: ctx },
      POST,
    );
    expect(back.Plaintext).toBe(gdk.Plaintext);
    const wp: Json = await client.request(
      'GenerateDataKeyWithoutPlaintext',
      { KeyId: mock.sampleKeys.aes, NumberOfBytes: 24 },
      POST,
    );
    expect(wp.Plaintext).toBeUndefined();
    const wpBack: Json = await client.request('Decrypt', { CiphertextBlob: wp.CiphertextBlob }, POST);
    expect(Buffer.from(wpBack.Plaintext, 'base64')).toHaveLength(24);
  });

  it('GetPublicKey, AsymmetricEncrypt and AsymmetricDecrypt agree with local RSA-OAEP', async () => {
    const pk: Json = await client.request('GetPublicKey', { KeyId: mock.sampleKeys.rsaEncrypt }, POST);
    expect(pk.PublicKey).toContain('BEGIN PUBLIC KEY');
    const kv = pk.KeyVersionId as string;
    const local = publicEncrypt(
      { key: createPublicKey(pk.PublicKey), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from('locally encrypted'),
    );
    const dec: Json = await client.request(
      'AsymmetricDecrypt',
      {
        KeyId: mock.sampleKeys.rsaEncrypt,
        KeyVersionId: kv,
        Algorithm: 'RSAES_OAEP_SHA_256',
        CiphertextBlob: local.toString('base64'),
      },
      POST,
    );
    expect(Buffer.from(dec.Plaintext, 'base64').toString()).toBe('locally encrypted');
    const plain = randomBytes(32);
    const enc: Json = await client.request(
      'AsymmetricEncrypt',
      {
        KeyId: mock.sampleKeys.rsaEncrypt,
        KeyVersionId: kv,
        Algorithm: 'RSAES_OAEP_SHA_256',
        Plaintext: plain.toString('base64'),
      },
      POST,
    );
    const round: Json = await client.request(
      'AsymmetricDecrypt',
      {
        KeyId: mock.sampleKeys.rsaEncrypt,
        KeyVersionId: kv,
        Algorithm: 'RSAES_OAEP_SHA_256',
        CiphertextBlob: enc.CiphertextBlob,
      },
      POST,
    );
    expect(round.Plaintext).toBe(plain.toString('base64'));
  });

  it('AsymmetricSign signatures verify locally and through AsymmetricVerify (RSA-PSS and ECDSA)', async () => {
    const digest = createHash('sha256').update('document').digest();
    for (const [keyId, alg, opts] of [
      [
        mock.sampleKeys.rsaSign,
        'RSA_PSS_SHA_256',
        { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      ],
      [mock.sampleKeys.ecSign, 'ECDSA_SHA_256', {}],
    ] as const) {
      const pk: Json = await client.request('GetPublicKey', { KeyId: keyId }, POST);
      const kv = pk.KeyVersionId;
      const sig: Json = await client.request(
        'AsymmetricSign',
        { KeyId: keyId, KeyVersionId: kv, Algorithm: alg, Digest: digest.toString('base64') },
        POST,
      );
      const verifier = createVerify('SHA256').update('document');
      expect(
        verifier.verify({ key: createPublicKey(pk.PublicKey), ...opts }, Buffer.from(sig.Value, 'base64')),
      ).toBe(true);
      const ok: Json = await client.request(
        'AsymmetricVerify',
        {
          KeyId: keyId,
          KeyVersionId: kv,
          Algorithm: alg,
          Digest: digest.toString('base64'),
          Value: sig.Value,
        },
        POST,
      );
      expect(ok.Value).toBe(true);
      const other = createHash('sha256').update('tampered').digest().toString('base64');
      const bad: Json = await client.request(
        'AsymmetricVerify',
        { KeyId: keyId, KeyVersionId: kv, Algorithm: alg, Digest: other, Value: sig.Value },
        POST,
      );
      expect(bad.Value).toBe(false);
    }
  });

  it('GetSecretValue returns the secret in the gateway shape', async () => {
    mock.admin.resetCounts();
    const s: Json = await client.request('GetSecretValue', { SecretName: mock.sampleSecret.name }, POST);
    expect(s.SecretName).toBe(mock.sampleSecret.name);
    expect(s.SecretData).toBe(mock.sampleSecret.value);
    expect(s.VersionStages.VersionStage).toContain('ACSCurrent');
    expect(instanceCount('GetSecretValue')).toBe(1);
    expect(gatewayCount('GetSecretValue')).toBe(0);
  });

  it('verbose mode returns [json, entry] like pop-core', async () => {
    const verbose = transferClient(mock, {}, true);
    const [json, entry] = (await verbose.request('Encrypt', {
      KeyId: mock.sampleKeys.aes,
      Plaintext: 'v',
    })) as [Json, Json];
    expect(json.CiphertextBlob).toBeTypeOf('string');
    expect(entry.url).toBe(`https://${mock.instanceEndpoint}/`);
    expect(entry.response.statusCode).toBe(200);
    verbose.close();
  });
});

describe('routing, errors, retries, TLS', () => {
  it('passes other actions to pop-core (the shared gateway) unchanged', async () => {
    mock.admin.resetCounts();
    const described: Json = await client.request('DescribeKey', { KeyId: mock.sampleKeys.aes }, POST);
    expect(described.KeyMetadata.KeyId).toBe(mock.sampleKeys.aes);
    expect(gatewayCount('DescribeKey')).toBe(1);
    expect(Object.values(mock.admin.callCounts().instance).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('instance errors have pop-core shape and gateway codes, and carry no secret', async () => {
    const err = (await client
      .request('Encrypt', { KeyId: 'key-does-not-exist', Plaintext: 'x' }, POST)
      .catch((e: unknown) => e)) as KmsTransferError;
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('Forbidden.KeyNotFound');
    expect(err.name).toBe('Forbidden.KeyNotFoundError');
    expect(err.message).toBe(`The specified Key is not found., URL: https://${mock.instanceEndpoint}/`);
    expect(err.data).toMatchObject({
      Code: 'Forbidden.KeyNotFound',
      Message: 'The specified Key is not found.',
    });
    expect(err.data.HttpStatus).toBeGreaterThanOrEqual(400);
    const all = everything(err);
    expect(all).not.toContain(mock.clientKeyPassword);
    expect(all).not.toContain(mock.accessKeySecret);
    expect(all).not.toContain('PRIVATE KEY');
  });

  it('a throttled call is retried and succeeds; without retries it fails with Rejected.Throttling', async () => {
    const m = await startMock({ quiet: true, seed: true });
    const retrying = transferClient(m, { retryDelay: 300 });
    const once = transferClient(m, { maxRetries: 0 });
    try {
      m.admin.setQps('instance', 1);
      await retrying.request('Encrypt', { KeyId: m.sampleKeys.aes, Plaintext: 'a' }); // uses the only token
      const refused = (await once
        .request('Encrypt', { KeyId: m.sampleKeys.aes, Plaintext: 'b' })
        .catch((e: unknown) => e)) as KmsTransferError;
      expect(refused.code).toBe('Rejected.Throttling');
      expect(refused.data.Message).toBe('QPS Limit Exceeded');
      m.admin.resetCounts();
      const ok: Json = await retrying.request('Encrypt', { KeyId: m.sampleKeys.aes, Plaintext: 'c' });
      expect(ok.CiphertextBlob).toBeTypeOf('string');
      expect(m.admin.callCounts().instance.Encrypt ?? 0).toBeGreaterThan(1);
    } finally {
      retrying.close();
      once.close();
      await m.close();
    }
  });

  it('refuses an instance whose certificate the configured CA did not sign, and sends it nothing', async () => {
    // its own CA (mocks otherwise share a cached PKI)
    const rogue = await startMock({ quiet: true, isolatedPki: true });
    try {
      rogue.admin.resetCounts();
      // our mock's CA and client key, the rogue mock's address
      const c = transferClient({ ...mock, instanceEndpoint: rogue.instanceEndpoint });
      const err = (await c
        .request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x' })
        .catch((e: unknown) => e)) as KmsTransferError;
      expect(err.code).toBe('SDK.ServerUnreachable');
      expect(err.message).toMatch(/TLS verification .* failed/);
      expect(err.message).toContain('KMS_CA_FILE');
      c.close();
      // no CA at all: the system trust store does not know the mock's CA either
      const noCa = transferClient(mock, { caFile: undefined });
      const err2 = (await noCa
        .request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x' })
        .catch((e: unknown) => e)) as KmsTransferError;
      expect(err2.code).toBe('SDK.ServerUnreachable');
      noCa.close();
      expect(Object.values(rogue.admin.callCounts().instance).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await rogue.close();
    }
  });

  it('a wrong client key password is refused at construction with a clear, secret-free error', () => {
    let err: unknown;
    try {
      transferClient(mock, { password: 'not-the-password' });
    } catch (e) {
      err = e;
    }
    expect((err as KmsTransferError).code).toBe('SDK.InvalidClientKey');
    expect((err as Error).message).toMatch(/password does not open this client key/);
    expect(everything(err)).not.toContain('not-the-password');
  });

  it('data encrypted through the gateway before the key moved decrypts with ours after', async () => {
    const key = mock.admin.createKey({ description: 'moves later' });
    const legacy = new RPCClient(popOptions(mock));
    const ctx = JSON.stringify({ tenant: 'a' });
    const before = (await legacy.request(
      'Encrypt',
      { KeyId: key.KeyId, Plaintext: 'written before the move', EncryptionContext: ctx },
      POST,
    )) as Json;
    mock.admin.moveKeys([key.KeyId]);
    mock.admin.closeGateway([key.KeyId]);
    await expect(
      legacy.request('Decrypt', { CiphertextBlob: before.CiphertextBlob, EncryptionContext: ctx }, POST),
    ).rejects.toThrow();
    const after: Json = await client.request(
      'Decrypt',
      { CiphertextBlob: before.CiphertextBlob, EncryptionContext: ctx },
      POST,
    );
    expect(after.Plaintext).toBe('written before the move');
    expect(after.KeyId).toBe(key.KeyId);
  });
});

describe("every action's route, by the mock's per-face call counts", () => {
  // What each legacy action must become on the instance face (dkms-gcs API → calls), with nothing at
  // all reaching the shared gateway. Results alone cannot tell: the sample keys are served by both.
  type Case = { params: () => Promise<Json>; instance: Record<string, number> };
  const digest = createHash('sha256').update('route').digest().toString('base64');
  const versionOf = async (keyId: string) =>
    ((await client.request('GetPublicKey', { KeyId: keyId }, POST)) as Json).KeyVersionId as string;
  const CASES: Record<InstanceAction, Case> = {
    Encrypt: {
      params: async () => ({ KeyId: mock.sampleKeys.aes, Plaintext: 'p' }),
      instance: { Encrypt: 1 },
    },
    Decrypt: {
      params: async () => ({
        CiphertextBlob: (
          (await client.request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'p' }, POST)) as Json
        ).CiphertextBlob,
      }),
      instance: { Decrypt: 1 },
    },
    GenerateDataKey: {
      params: async () => ({ KeyId: mock.sampleKeys.aes }),
      instance: { GenerateDataKey: 1, Encrypt: 1 },
    },
    GenerateDataKeyWithoutPlaintext: {
      params: async () => ({ KeyId: mock.sampleKeys.aes }),
      instance: { GenerateDataKey: 1, Encrypt: 1 },
    },
    GetPublicKey: {
      params: async () => ({ KeyId: mock.sampleKeys.rsaEncrypt }),
      instance: { GetPublicKey: 1 },
    },
    AsymmetricEncrypt: {
      params: async () => ({
        KeyId: mock.sampleKeys.rsaEncrypt,
        KeyVersionId: await versionOf(mock.sampleKeys.rsaEncrypt),
        Algorithm: 'RSAES_OAEP_SHA_256',
        Plaintext: Buffer.from('p').toString('base64'),
      }),
      instance: { Encrypt: 1 },
    },
    AsymmetricDecrypt: {
      params: async () => {
        const kv = await versionOf(mock.sampleKeys.rsaEncrypt);
        const base = { KeyId: mock.sampleKeys.rsaEncrypt, KeyVersionId: kv, Algorithm: 'RSAES_OAEP_SHA_256' };
        const enc = (await client.request(
          'AsymmetricEncrypt',
          { ...base, Plaintext: Buffer.from('p').toString('base64') },
          POST,
        )) as Json;
        return { ...base, CiphertextBlob: enc.CiphertextBlob };
      },
      instance: { Decrypt: 1 },
    },
    AsymmetricSign: {
      params: async () => ({
        KeyId: mock.sampleKeys.rsaSign,
        KeyVersionId: await versionOf(mock.sampleKeys.rsaSign),
        Algorithm: 'RSA_PKCS1_SHA_256',
        Digest: digest,
      }),
      instance: { Sign: 1 },
    },
    AsymmetricVerify: {
      params: async () => {
        const base = {
          KeyId: mock.sampleKeys.rsaSign,
          KeyVersionId: await versionOf(mock.sampleKeys.rsaSign),
          Algorithm: 'RSA_PKCS1_SHA_256',
          Digest: digest,
        };
        const sig = (await client.request('AsymmetricSign', base, POST)) as Json;
        return { ...base, Value: sig.Value };
      },
      instance: { Verify: 1 },
    },
    GetSecretValue: {
      params: async () => ({ SecretName: mock.sampleSecret.name }),
      instance: { GetSecretValue: 1 },
    },
  };

  it('covers every action the transfer client serves on the instance', () => {
    expect(Object.keys(CASES).sort()).toEqual([...INSTANCE_ACTIONS].sort());
    expect(Object.keys(LEGACY_ACTION_HANDLERS).sort()).toEqual([...INSTANCE_ACTIONS].sort());
  });

  for (const action of INSTANCE_ACTIONS) {
    it(`${action} reaches only the instance face, as ${JSON.stringify(CASES[action].instance)}`, async () => {
      const params = await CASES[action].params();
      mock.admin.resetCounts();
      await client.request(action, params, POST);
      expect(mock.admin.callCounts()).toEqual({ gateway: {}, instance: CASES[action].instance });
    });
  }

  it('an action the instance does not serve reaches only the gateway', async () => {
    mock.admin.resetCounts();
    await client.request('DescribeKey', { KeyId: mock.sampleKeys.aes }, POST);
    expect(mock.admin.callCounts()).toEqual({ gateway: { DescribeKey: 1 }, instance: {} });
  });
});

describe('empty EncryptionContext forms (the vendor transfer SDKs hash any non-empty context string)', () => {
  const forms: [string, unknown][] = [
    ["'{}'", '{}'],
    ["' {} '", ' {} '],
    ['{} (an object)', {}],
    ["''", ''],
    ['absent', undefined],
  ];
  const hashed = (form: string) => !["''", 'absent'].includes(form);
  const withContext = (params: Json, context: unknown) =>
    context === undefined ? params : { ...params, EncryptionContext: context };

  it('a ciphertext decrypts with every form of its own AAD, and with no other', async () => {
    for (const [made, context] of forms) {
      const enc: Json = await client.request(
        'Encrypt',
        withContext({ KeyId: mock.sampleKeys.aes, Plaintext: `made with ${made}` }, context),
        POST,
      );
      for (const [opened, other] of forms) {
        const got = await client
          .request('Decrypt', withContext({ CiphertextBlob: enc.CiphertextBlob }, other), POST)
          .then((r) => (r as Json).Plaintext)
          .catch((e: Error) => e.name);
        expect(got, `made with ${made}, opened with ${opened}`).toBe(
          hashed(made) === hashed(opened) ? `made with ${made}` : 'InvalidParameterError',
        );
      }
    }
  });

  it("'{}' through ours is SHA-256 of the empty string on the wire, what the vendor SDKs send", async () => {
    const { callInstance } = await import('../mock/helpers/instance-client.js');
    const { readClientKey } = await import('../../src/protocol/client-key.js');
    const key = readClientKey(mock.clientKeyContent, mock.clientKeyPassword);
    const enc: Json = await client.request(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: 'wire', EncryptionContext: '{}' },
      POST,
    );
    const raw = Buffer.from(enc.CiphertextBlob, 'base64');
    const dec = await callInstance(
      'Decrypt',
      {
        CiphertextBlob: raw.subarray(48),
        Iv: raw.subarray(36, 48),
        Aad: createHash('sha256').update('').digest(),
      },
      {
        endpoint: mock.instanceEndpoint,
        ca: mock.caPem,
        clientKeyId: key.keyId,
        privateKeyPem: key.privateKeyPem,
        extraHeaders: { 'x-kms-migrationkeyversionid': raw.subarray(0, 36).toString() },
      },
    );
    expect(dec.status).toBe(200);
    expect((dec.message.Plaintext as Buffer).toString()).toBe('wire');
  });

  it('an EncryptionContext of only whitespace is refused, as the vendor SDKs refuse it', async () => {
    const err = await client
      .request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x', EncryptionContext: '  ' }, POST)
      .catch((e: KmsTransferError) => e);
    expect((err as KmsTransferError).code).toBe('InvalidParameter');
  });
});
