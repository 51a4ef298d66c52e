import { request as httpsRequest } from 'node:https';
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockHandle, startMock } from '../../src/mock/index.js';
import { readClientKey } from '../../src/protocol/client-key.js';
import { signRpcRequest } from '../../src/protocol/rpc-signature.js';
import { callInstance } from './helpers/instance-client.js';

// The instance endpoint also speaks the OpenAPI RPC of the shared gateway (the vendor's "dedicated
// gateway", the route of the V2 SDKs): same keystore, instance traffic, no ReEncrypt, no management.
let mock: MockHandle;
let gateway: RPCClient;

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
type Json = Record<string, any>;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  gateway = new RPCClient({
    accessKeyId: mock.accessKeyId,
    accessKeySecret: mock.accessKeySecret,
    endpoint: mock.gatewayUrl,
    apiVersion: '2016-01-20',
  });
});
afterAll(async () => mock?.close());

interface Reply {
  status: number;
  body: Json;
}

/** One signed RPC call to the instance endpoint over TLS, trusting the mock CA. */
function dedicated(
  action: string,
  params: Record<string, string> = {},
  creds: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = mock,
  method: 'GET' | 'POST' = 'POST',
): Promise<Reply> {
  const signed = signRpcRequest({
    method,
    action,
    params,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    securityToken: creds.securityToken,
  });
  const query = new URLSearchParams(signed).toString();
  const [host, port] = mock.instanceEndpoint.split(':');
  return new Promise((resolve, reject) => {
    const r = httpsRequest(
      {
        host,
        port: Number(port),
        method,
        path: `/?${query}`,
        ca: mock.caPem,
        agent: false,
        headers: { host: mock.instanceEndpoint, 'x-acs-action': action, 'x-acs-version': '2016-01-20' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    r.on('error', reject);
    r.end();
  });
}

describe('dedicated gateway on the instance endpoint', () => {
  it('serves moved keys after the shared gateway closes, and decrypts pre-move ciphertext', async () => {
    const key = mock.admin.createKey({ description: 'dedicated gateway test' }).KeyId;
    const ctx = JSON.stringify({ app: 'dedicated' });
    const old = (await gateway.request(
      'Encrypt',
      { KeyId: key, Plaintext: 'before the move', EncryptionContext: ctx },
      { method: 'POST' },
    )) as Json;

    // Not in the instance yet: the instance's gateway does not know it.
    const early = await dedicated('Encrypt', { KeyId: key, Plaintext: 'x' });
    expect([early.status, early.body.Code]).toEqual([404, 'Forbidden.KeyNotFound']);

    mock.admin.moveKeys([key]);
    mock.admin.closeGateway([key]);
    mock.admin.resetCounts();

    const dec = await dedicated('Decrypt', { CiphertextBlob: old.CiphertextBlob, EncryptionContext: ctx });
    expect(dec.status).toBe(200);
    expect(dec.body.Plaintext).toBe('before the move');
    expect(dec.body.KeyId).toBe(key);

    const enc = await dedicated('Encrypt', { KeyId: key, Plaintext: 'after the move' });
    expect(enc.status).toBe(200);
    const back = await dedicated('Decrypt', { CiphertextBlob: enc.body.CiphertextBlob });
    expect(back.body.Plaintext).toBe('after the move');

    const gdk = await dedicated('GenerateDataKey', { KeyId: key, NumberOfBytes: '16' }, mock, 'GET');
    expect(Buffer.from(gdk.body.Plaintext, 'base64').length).toBe(16);
    const wrapped = await dedicated('Decrypt', { CiphertextBlob: gdk.body.CiphertextBlob });
    expect(wrapped.body.Plaintext).toBe(gdk.body.Plaintext);

    const counts = mock.admin.callCounts();
    expect(counts.gateway).toEqual({});
    expect(counts.instance).toMatchObject({ Decrypt: 3, Encrypt: 1, GenerateDataKey: 1 });

    // The shared gateway itself is closed for the key.
    await expect(
      gateway.request('Encrypt', { KeyId: key, Plaintext: 'x' }, { method: 'POST' }),
    ).rejects.toThrow(/migrated to KMS instance/);
  });

  it('refuses ReEncrypt and management APIs with InvalidAction.NotFound', async () => {
    const key = mock.sampleKeys.aes;
    const enc = await dedicated('Encrypt', { KeyId: key, Plaintext: 'p' });
    const re = await dedicated('ReEncrypt', {
      CiphertextBlob: enc.body.CiphertextBlob,
      DestinationKeyId: key,
    });
    expect([re.status, re.body.Code]).toEqual([404, 'InvalidAction.NotFound']);
    expect(re.body.Message).toMatch(/ReEncrypt is served only by the shared gateway/);
    for (const action of ['DescribeKey', 'ListKeys', 'CreateKey', 'ScheduleKeyDeletion']) {
      const r = await dedicated(action, { KeyId: key });
      expect([action, r.status, r.body.Code]).toEqual([action, 404, 'InvalidAction.NotFound']);
    }
  });

  it('serves the other crypto and secret APIs (sign/verify, GetPublicKey, GetSecretValue)', async () => {
    const md = mock.admin.describeKey(mock.sampleKeys.rsaSign);
    const digest = Buffer.alloc(32, 7).toString('base64');
    const base = {
      KeyId: mock.sampleKeys.rsaSign,
      KeyVersionId: md.PrimaryKeyVersion,
      Algorithm: 'RSA_PKCS1_SHA_256',
      Digest: digest,
    };
    const sig = await dedicated('AsymmetricSign', base);
    expect(sig.status).toBe(200);
    const ok = await dedicated('AsymmetricVerify', { ...base, Value: sig.body.Value });
    expect(ok.body.Value).toBe(true);
    const pub = await dedicated('GetPublicKey', { KeyId: mock.sampleKeys.rsaSign });
    expect(pub.body.PublicKey).toMatch(/BEGIN PUBLIC KEY/);
    const secret = await dedicated('GetSecretValue', { SecretName: mock.sampleSecret.name });
    expect(secret.body.SecretData).toBe(mock.sampleSecret.value);
  });

  it('checks the AccessKey signature and accepts STS credentials', async () => {
    const bad = await dedicated(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: 'p' },
      {
        accessKeyId: mock.accessKeyId,
        accessKeySecret: 'not-the-secret',
      },
    );
    expect([bad.status, bad.body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    const sts = mock.admin.createStsCredential();
    const good = await dedicated('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'p' }, sts);
    expect(good.status).toBe(200);
  });

  it('still answers dkms-gcs requests on the same listener', async () => {
    const r = await callInstance(
      'GenerateRandom',
      { Length: 8 },
      {
        endpoint: mock.instanceEndpoint,
        ca: mock.caPem,
        clientKeyId: mock.clientKeyId,
        privateKeyPem: readClientKey(mock.clientKeyContent, mock.clientKeyPassword).privateKeyPem,
      },
    );
    expect(r.status).toBe(200);
    expect(Buffer.from(r.message.Random as Uint8Array).length).toBe(8);
  });
});
