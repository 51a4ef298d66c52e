import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_CLOSED_CODE, type MockHandle, startMock } from '../../src/mock/index.js';
import { acs3Sign } from '../../src/protocol/acs3-signature.js';
import { rpcTimestamp, signRpcRequest } from '../../src/protocol/rpc-signature.js';

const require = createRequire(import.meta.url);
let mock: MockHandle;
let client: RPCClient;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  client = new RPCClient({
    accessKeyId: mock.accessKeyId,
    accessKeySecret: mock.accessKeySecret,
    endpoint: mock.gatewayUrl,
    apiVersion: '2016-01-20',
  });
});
afterAll(async () => mock?.close());

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
type Json = Record<string, any>;
const call = (action: string, params: Json = {}, method: 'GET' | 'POST' = 'POST', c = client) =>
  c.request(action, params, { method }) as Promise<Json>;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('gateway face with @alicloud/pop-core', () => {
  it('encrypts and decrypts with EncryptionContext over GET and POST', async () => {
    const ctx = JSON.stringify({ tenant: 't1', purpose: 'test' });
    const enc = await call(
      'Encrypt',
      { KeyId: mock.sampleKeys.aes, Plaintext: 'hello 世界', EncryptionContext: ctx },
      'GET',
    );
    expect(enc.KeyVersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(enc.CiphertextBlob, 'base64').subarray(0, 36).toString()).toBe(enc.KeyVersionId);
    const dec = await call('Decrypt', { CiphertextBlob: enc.CiphertextBlob, EncryptionContext: ctx });
    expect(dec.Plaintext).toBe('hello 世界');
    expect(await codeOf(call('Decrypt', { CiphertextBlob: enc.CiphertextBlob }))).toBe('InvalidParameter');
  });

  it('GenerateDataKey encrypts the base64 text of the data key', async () => {
    const gdk = await call('GenerateDataKey', { KeyId: 'alias/kms-codemod-sample-aes', NumberOfBytes: 32 });
    expect(Buffer.from(gdk.Plaintext, 'base64').length).toBe(32);
    const dec = await call('Decrypt', { CiphertextBlob: gdk.CiphertextBlob });
    expect(dec.Plaintext).toBe(gdk.Plaintext);
    const wp = await call('GenerateDataKeyWithoutPlaintext', {
      KeyId: mock.sampleKeys.aes,
      KeySpec: 'AES_128',
    });
    expect(wp.Plaintext).toBeUndefined();
    expect(
      Buffer.from((await call('Decrypt', { CiphertextBlob: wp.CiphertextBlob })).Plaintext, 'base64').length,
    ).toBe(16);
  });

  it('signs and verifies asymmetric digests', async () => {
    const digest = createHash('sha256').update('doc').digest('base64');
    for (const [keyId, alg] of [
      [mock.sampleKeys.rsaSign, 'RSA_PSS_SHA_256'],
      [mock.sampleKeys.rsaSign, 'RSA_PKCS1_SHA_256'],
      [mock.sampleKeys.ecSign, 'ECDSA_SHA_256'],
    ]) {
      const versions = await call('ListKeyVersions', { KeyId: keyId });
      const KeyVersionId = versions.KeyVersions.KeyVersion[0].KeyVersionId;
      const sig = await call('AsymmetricSign', {
        KeyId: keyId,
        KeyVersionId,
        Algorithm: alg,
        Digest: digest,
      });
      const ok = await call('AsymmetricVerify', {
        KeyId: keyId,
        KeyVersionId,
        Algorithm: alg,
        Digest: digest,
        Value: sig.Value,
      });
      expect(ok.Value).toBe(true);
      // The signature is a standard one: node:crypto verifies it against GetPublicKey.
      const pk = await call('GetPublicKey', { KeyId: keyId, KeyVersionId });
      const { verify, constants } = await import('node:crypto');
      const opts =
        alg === 'RSA_PSS_SHA_256'
          ? { key: pk.PublicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
          : { key: pk.PublicKey };
      expect(verify('sha256', Buffer.from('doc'), opts, Buffer.from(sig.Value, 'base64'))).toBe(true);
    }
  });

  it('describes, lists with paging, and manages keys and aliases', async () => {
    const created = await call('CreateKey', {
      KeySpec: 'Aliyun_AES_256',
      EnableAutomaticRotation: 'true',
      RotationInterval: '604800s',
    });
    expect(created.KeyMetadata.AutomaticRotation).toBe('Enabled');
    const d = await call('DescribeKey', { KeyId: created.KeyMetadata.KeyId });
    expect(d.KeyMetadata.Arn).toBe(`acs:kms:cn-hangzhou:1234567890123456:key/${created.KeyMetadata.KeyId}`);
    expect(d.KeyMetadata.DKMSInstanceId).toBeUndefined();
    const page1 = await call('ListKeys', { PageSize: 2, PageNumber: 1 });
    const page2 = await call('ListKeys', { PageSize: 2, PageNumber: 2 });
    expect(page1.TotalCount).toBeGreaterThanOrEqual(5);
    expect(page1.Keys.Key).toHaveLength(2);
    expect(page2.Keys.Key[0].KeyId).not.toBe(page1.Keys.Key[0].KeyId);
    await call('CreateAlias', { AliasName: 'alias/app-key', KeyId: created.KeyMetadata.KeyId });
    const aliases = await call('ListAliasesByKeyId', { KeyId: created.KeyMetadata.KeyId });
    expect(aliases.Aliases.Alias[0].AliasName).toBe('alias/app-key');
    await call('DisableKey', { KeyId: created.KeyMetadata.KeyId });
    expect(await codeOf(call('Encrypt', { KeyId: created.KeyMetadata.KeyId, Plaintext: 'x' }))).toBe(
      'Rejected.Disabled',
    );
    expect(await codeOf(call('DescribeKey', { KeyId: 'nope' }))).toBe('Forbidden.KeyNotFound');
    expect(await codeOf(call('NoSuchAction'))).toBe('InvalidAction.NotFound');
  });

  it('answers SignatureDoesNotMatch with the server string-to-sign for a wrong secret', async () => {
    const bad = new RPCClient({
      accessKeyId: mock.accessKeyId,
      accessKeySecret: 'wrong',
      endpoint: mock.gatewayUrl,
      apiVersion: '2016-01-20',
    });
    try {
      await bad.request('DescribeKey', { KeyId: mock.sampleKeys.aes }, { method: 'POST' });
      expect.unreachable();
    } catch (err) {
      const e = err as { code: string; message: string };
      expect(e.code).toBe('SignatureDoesNotMatch');
      expect(e.message).toMatch(/server string to sign is:POST&%2F&AccessKeyId%3D/);
    }
    const unknown = new RPCClient({
      accessKeyId: 'LTAIunknown',
      accessKeySecret: 'x',
      endpoint: mock.gatewayUrl,
      apiVersion: '2016-01-20',
    });
    expect(await codeOf(unknown.request('ListKeys', {}))).toBe('InvalidAccessKeyId.NotFound');
  });

  it('checks the timestamp window and accepts STS tokens', async () => {
    const old = signRpcRequest({
      method: 'GET',
      action: 'ListKeys',
      params: {},
      accessKeyId: mock.accessKeyId,
      accessKeySecret: mock.accessKeySecret,
      timestamp: rpcTimestamp(new Date(Date.now() - 20 * 60_000)),
    });
    const res = await fetch(`${mock.gatewayUrl}/?${new URLSearchParams(old)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as Json).Code).toBe('InvalidTimeStamp.Expired');
    const sts = mock.admin.createStsCredential();
    const stsClient = new RPCClient({ ...sts, endpoint: mock.gatewayUrl, apiVersion: '2016-01-20' });
    expect((await stsClient.request('ListKeys', {})).TotalCount).toBeGreaterThan(0);
    const noToken = new RPCClient({
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      endpoint: mock.gatewayUrl,
      apiVersion: '2016-01-20',
    });
    expect(await codeOf(noToken.request('ListKeys', {}))).toBe('InvalidSecurityToken.Mismatch');
  });

  it('refuses a replayed SignatureNonce (V1 signature), naming the code the service uses', async () => {
    const signed = signRpcRequest({
      method: 'GET',
      action: 'ListKeys',
      params: {},
      accessKeyId: mock.accessKeyId,
      accessKeySecret: mock.accessKeySecret,
    });
    const url = `${mock.gatewayUrl}/?${new URLSearchParams(signed)}`;
    expect((await fetch(url)).status).toBe(200);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as Json).Code).toBe('SignatureNonceUsed');
    // A fresh nonce with everything else equal is a new request.
    const fresh = signRpcRequest({
      method: 'GET',
      action: 'ListKeys',
      params: {},
      accessKeyId: mock.accessKeyId,
      accessKeySecret: mock.accessKeySecret,
      timestamp: signed.Timestamp,
    });
    expect(fresh.SignatureNonce).not.toBe(signed.SignatureNonce);
    expect((await fetch(`${mock.gatewayUrl}/?${new URLSearchParams(fresh)}`)).status).toBe(200);
  });

  it('refuses a replayed x-acs-signature-nonce (ACS3-HMAC-SHA256)', async () => {
    const host = mock.gatewayUrl.replace('http://', '');
    const headers: Record<string, string> = {
      host,
      'x-acs-action': 'ListKeys',
      'x-acs-version': '2016-01-20',
      'x-acs-date': rpcTimestamp(new Date()),
      'x-acs-signature-nonce': `nonce-${Date.now()}-${Math.random()}`,
    };
    headers.authorization = acs3Sign(
      { method: 'POST', pathname: '/', query: {}, headers },
      '',
      mock.accessKeyId,
      mock.accessKeySecret,
    );
    const send = () => fetch(`${mock.gatewayUrl}/`, { method: 'POST', headers });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as Json).Code).toBe('SignatureNonceUsed');
  });

  it('refuses crypto on a moved key once the gateway is closed, saying why', async () => {
    const key = mock.admin.createKey({});
    const enc = await call('Encrypt', { KeyId: key.KeyId, Plaintext: 'p' });
    mock.admin.moveKeys([key.KeyId]);
    expect((await call('Decrypt', { CiphertextBlob: enc.CiphertextBlob })).Plaintext).toBe('p');
    mock.admin.closeGateway([key.KeyId]);
    try {
      await call('Decrypt', { CiphertextBlob: enc.CiphertextBlob });
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe(GATEWAY_CLOSED_CODE);
      expect((err as Error).message).toMatch(/migrated to KMS instance .* closed/);
    }
    expect((await call('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.DKMSInstanceId).toBe(
      mock.instanceId,
    );
    const counts = mock.admin.callCounts();
    expect(counts.gateway.Decrypt).toBeGreaterThanOrEqual(2);
  });

  it('serves the blocked APIs (ReEncrypt, ExportDataKey, GenerateAndExportDataKey)', async () => {
    const { generateKeyPairSync, privateDecrypt, constants } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const gdk = await call('GenerateDataKey', { KeyId: mock.sampleKeys.aes });
    const re = await call('ReEncrypt', {
      CiphertextBlob: gdk.CiphertextBlob,
      DestinationKeyId: mock.sampleKeys.aes,
      DestinationEncryptionContext: '{"a":"1"}',
    });
    expect(
      (await call('Decrypt', { CiphertextBlob: re.CiphertextBlob, EncryptionContext: '{"a":"1"}' }))
        .Plaintext,
    ).toBe(gdk.Plaintext);
    const exp = await call('ExportDataKey', {
      CiphertextBlob: gdk.CiphertextBlob,
      PublicKeyBlob: pub,
      WrappingKeySpec: 'RSA_2048',
      WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    const raw = privateDecrypt(
      { key: privateKey, oaepHash: 'sha256', padding: constants.RSA_PKCS1_OAEP_PADDING },
      Buffer.from(exp.ExportedDataKey, 'base64'),
    );
    expect(raw.toString('base64')).toBe(gdk.Plaintext);
    const gx = await call('GenerateAndExportDataKey', {
      KeyId: mock.sampleKeys.aes,
      PublicKeyBlob: pub,
      WrappingKeySpec: 'RSA_2048',
      WrappingAlgorithm: 'RSAES_OAEP_SHA_1',
    });
    expect(gx.CiphertextBlob).toBeTruthy();
  });
});

describe('gateway face with the Tea clients', () => {
  it('@alicloud/kms20160120 1.2.0 (V1 signature, form body) encrypts and decrypts', async () => {
    const Kms = require('@alicloud/kms20160120').default;
    const kms = new Kms({
      accessKeyId: mock.accessKeyId,
      accessKeySecret: mock.accessKeySecret,
      endpoint: mock.gatewayUrl.replace('http://', ''),
      protocol: 'http',
      regionId: 'cn-hangzhou',
    });
    const { EncryptRequest, DecryptRequest } = require('@alicloud/kms20160120');
    const enc = await kms.encrypt(
      new EncryptRequest({ keyId: mock.sampleKeys.aes, plaintext: 'v2', encryptionContext: { a: 'b' } }),
    );
    expect(enc.keyVersionId).toMatch(/^[0-9a-f-]{36}$/);
    const dec = await kms.decrypt(
      new DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: { a: 'b' } }),
    );
    expect(dec.plaintext).toBe('v2');
    // The context really was applied: a legacy call without it cannot decrypt.
    expect(await codeOf(call('Decrypt', { CiphertextBlob: enc.ciphertextBlob }))).toBe('InvalidParameter');
  });

  it('@alicloud/openapi-client signs ACS3-HMAC-SHA256 and the gateway verifies it', async () => {
    const OpenApi = require('@alicloud/openapi-client');
    const Util = require('@alicloud/tea-util');
    const mk = (secret: string) =>
      new OpenApi.default(
        new OpenApi.Config({
          accessKeyId: mock.accessKeyId,
          accessKeySecret: secret,
          endpoint: mock.gatewayUrl.replace('http://', ''),
          protocol: 'http',
        }),
      );
    const params = new OpenApi.Params({
      action: 'Encrypt',
      version: '2016-01-20',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      bodyType: 'json',
      reqBodyType: 'formData',
    });
    const req = new OpenApi.OpenApiRequest({
      query: { KeyId: mock.sampleKeys.aes, Plaintext: 'acs3 text', EncryptionContext: '{"x":"y"}' },
    });
    const res = await mk(mock.accessKeySecret).callApi(params, req, new Util.RuntimeOptions({}));
    expect(res.statusCode).toBe(200);
    expect(res.body.KeyVersionId).toMatch(/^[0-9a-f-]{36}$/);
    const dec = await call('Decrypt', {
      CiphertextBlob: res.body.CiphertextBlob,
      EncryptionContext: '{"x":"y"}',
    });
    expect(dec.Plaintext).toBe('acs3 text');
    expect(await codeOf(mk('wrong').callApi(params, req, new Util.RuntimeOptions({})))).toMatch(
      /SignatureDoesNotMatch/,
    );
  });
});

describe('forward proxy and Node preload', () => {
  it('runs an unmodified pop-core program against https://kms.cn-hangzhou.aliyuncs.com through NODE_OPTIONS', async () => {
    const script = join(mock.dir, 'legacy-app.cjs');
    writeFileSync(
      script,
      `const Core = require(${JSON.stringify(require.resolve('@alicloud/pop-core'))});
const c = new Core({ accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });
(async () => {
  const enc = await c.request('Encrypt', { KeyId: process.argv[2], Plaintext: 'via preload' }, { method: 'POST' });
  const dec = await c.request('Decrypt', { CiphertextBlob: enc.CiphertextBlob }, { method: 'POST' });
  let wrong = 'none';
  try { await new Core({ accessKeyId: 'x', accessKeySecret: 'y', endpoint: 'https://kms-vpc.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' }).request('ListKeys', {}); }
  catch (e) { wrong = e.code; }
  console.log(JSON.stringify({ plaintext: dec.Plaintext, wrong }));
})().catch((e) => { console.error(e.message); process.exit(1); });
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [script, mock.sampleKeys.aes], {
      env: { PATH: process.env.PATH ?? '', ...mock.env('node') },
    });
    expect(JSON.parse(stdout)).toEqual({ plaintext: 'via preload', wrong: 'InvalidAccessKeyId.NotFound' });
    expect(mock.admin.callCounts().gateway.Encrypt).toBeGreaterThan(0);
  });

  it('terminates CONNECT tunnels for KMS hosts with a cert the mock CA signed', async () => {
    const socket = await connectVia('kms-vpc.cn-hangzhou.aliyuncs.com:443');
    const tls = tlsConnect({ socket, servername: 'kms-vpc.cn-hangzhou.aliyuncs.com', ca: mock.caPem });
    const query = new URLSearchParams(
      signRpcRequest({
        method: 'GET',
        action: 'ListKeys',
        params: {},
        accessKeyId: mock.accessKeyId,
        accessKeySecret: mock.accessKeySecret,
      }),
    );
    tls.write(
      `GET /?${query} HTTP/1.1\r\nHost: kms-vpc.cn-hangzhou.aliyuncs.com\r\nConnection: close\r\n\r\n`,
    );
    const text = await new Promise<string>((resolve, reject) => {
      let out = '';
      tls.on('data', (d) => (out += d));
      tls.on('end', () => resolve(out));
      tls.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1.1 200/);
    expect(text).toMatch(/"TotalCount":/);
  });

  it('refuses any other host with a clear error', async () => {
    await expect(connectVia('example.com:443')).rejects.toThrow(/403.*refusing example.com:443/s);
    const res = await new Promise<{ status?: number; body: string }>((resolve) => {
      const [host, port] = mock.proxyUrl.replace('http://', '').split(':');
      const r = httpRequest(
        { host, port: Number(port), path: 'http://ecs.aliyuncs.com/', method: 'GET' },
        (m) => {
          let body = '';
          m.on('data', (d) => (body += d));
          m.on('end', () => resolve({ status: m.statusCode, body }));
        },
      );
      r.end();
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/no traffic leaves this machine/);
  });

  it('listens on 127.0.0.1 only', () => {
    for (const url of [
      mock.gatewayUrl,
      mock.gatewayHttpsUrl,
      mock.proxyUrl,
      mock.adminUrl,
      `https://${mock.instanceEndpoint}`,
    ]) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
    }
    const env = mock.env('java');
    expect(env.JAVA_TOOL_OPTIONS).toMatch(/trustStore=.*mock-truststore\.jks/);
    expect(mock.env('python').ALIBABA_CLOUD_CA_BUNDLE).toBe(mock.caFile);
    expect(mock.env('go').SSL_CERT_FILE).toBe(mock.caFile);
    expect(mock.env('go').KMS_INSTANCE_ENDPOINT).toBe(mock.instanceEndpoint);
  });
});

function connectVia(authority: string): Promise<import('node:net').Socket> {
  const [host, port] = mock.proxyUrl.replace('http://', '').split(':');
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host, port: Number(port), method: 'CONNECT', path: authority });
    r.on('connect', (res, socket, head) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        let body = head.toString();
        socket.on('data', (d) => (body += d));
        socket.on('end', () => reject(new Error(`${res.statusCode} ${body}`)));
      }
    });
    r.on('error', reject);
    r.end();
  });
}
