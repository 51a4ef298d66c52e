'use strict';
// @alicloud/pop-core (RPCClient) against the mock's gateway. pop-core reads no proxy variable: the
// mock's env('node') preloads a redirect hook (NODE_OPTIONS) and trusts its CA (NODE_EXTRA_CA_CERTS).
const crypto = require('node:crypto');
const RPCClient = require('@alicloud/pop-core');
const { Checks, env } = require('./checks.cjs');

const region = env('ALIBABA_CLOUD_REGION_ID');
const endpoint = `https://kms.${region}.aliyuncs.com`;
const make = (secret) =>
  new RPCClient({
    accessKeyId: env('ALIBABA_CLOUD_ACCESS_KEY_ID'),
    accessKeySecret: secret,
    endpoint,
    apiVersion: '2016-01-20',
  });
const client = make(env('ALIBABA_CLOUD_ACCESS_KEY_SECRET'));
const POST = { method: 'POST' };
const aes = env('KMS_TEST_AES_KEY');
const CTX = JSON.stringify({ app: 'conformance', tenant: 't-1' });
const c = new Checks();

async function signVerify(keyId, algorithm, localVerify) {
  const md = (await client.request('DescribeKey', { KeyId: keyId })).KeyMetadata; // GET, pop-core's default
  const message = Buffer.from('message signed by node legacy');
  const digest = crypto.createHash('sha256').update(message).digest();
  const Digest = digest.toString('base64');
  const base = { KeyId: keyId, KeyVersionId: md.PrimaryKeyVersion, Algorithm: algorithm };
  const { Value } = await client.request('AsymmetricSign', { ...base, Digest }, POST);
  const ok = await client.request('AsymmetricVerify', { ...base, Digest, Value }, POST);
  if (ok.Value !== true) return `AsymmetricVerify of a fresh signature is ${ok.Value}`;
  const other = crypto.createHash('sha256').update('another').digest('base64');
  const bad = await client.request('AsymmetricVerify', { ...base, Digest: other, Value }, POST);
  if (bad.Value !== false) return `AsymmetricVerify of another digest is ${bad.Value}`;
  const { PublicKey } = await client.request(
    'GetPublicKey',
    { KeyId: keyId, KeyVersionId: md.PrimaryKeyVersion },
    POST,
  );
  if (!localVerify(crypto.createPublicKey(PublicKey), message, Buffer.from(Value, 'base64')))
    return "the signature does not verify locally with GetPublicKey's key";
  return undefined;
}

// The digest is SHA-256 of this message, so Node can verify over the message itself.
const verifyPss = (key, message, sig) =>
  crypto.verify(
    'sha256',
    message,
    {
      key,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO,
    },
    sig,
  );
const verifyEcdsa = (key, message, sig) => crypto.verify('sha256', message, { key, dsaEncoding: 'der' }, sig);

(async () => {
  let blob;
  await c.run('encrypt-decrypt-with-context', async () => {
    const enc = await client.request(
      'Encrypt',
      { KeyId: aes, Plaintext: 'hello from node legacy', EncryptionContext: CTX },
      POST,
    );
    if (enc.KeyId !== aes) return `Encrypt KeyId ${enc.KeyId}`;
    blob = enc.CiphertextBlob;
    const dec = await client.request('Decrypt', { CiphertextBlob: blob, EncryptionContext: CTX }, POST);
    return dec.Plaintext === 'hello from node legacy' ? undefined : `Decrypt gave ${dec.Plaintext}`;
  });
  await c.expectError(
    'decrypt-with-wrong-context-refused',
    () =>
      client.request(
        'Decrypt',
        { CiphertextBlob: blob, EncryptionContext: JSON.stringify({ app: 'conformance', tenant: 't-2' }) },
        POST,
      ),
    ['InvalidParameter', 'Rejected.ValidationFailed', 'InvalidCiphertext', 'Forbidden.InvalidCiphertext'],
  );
  await c.run('generate-data-key', async () => {
    const out = await client.request(
      'GenerateDataKey',
      { KeyId: aes, KeySpec: 'AES_256', EncryptionContext: CTX },
      POST,
    );
    if (Buffer.from(out.Plaintext, 'base64').length !== 32) return 'data key is not 32 bytes';
    const back = await client.request(
      'Decrypt',
      { CiphertextBlob: out.CiphertextBlob, EncryptionContext: CTX },
      POST,
    );
    return back.Plaintext === out.Plaintext
      ? undefined
      : 'Decrypt of the data key blob does not give the base64 data key';
  });
  await c.run('asymmetric-sign-verify-rsa-pss', () =>
    signVerify(env('KMS_TEST_RSA_SIGN_KEY'), 'RSA_PSS_SHA_256', verifyPss),
  );
  await c.run('asymmetric-sign-verify-ecdsa', () =>
    signVerify(env('KMS_TEST_EC_SIGN_KEY'), 'ECDSA_SHA_256', verifyEcdsa),
  );
  await c.run('describe-key', async () => {
    const md = (await client.request('DescribeKey', { KeyId: aes }, POST)).KeyMetadata;
    if (md.KeyId !== aes || md.KeyState !== 'Enabled') return `KeyMetadata ${JSON.stringify(md)}`;
    return md.Arn.startsWith(`acs:kms:${region}:`) ? undefined : `Arn ${md.Arn}`;
  });
  await c.run('list-keys-paged', async () => {
    const out = await client.request('ListKeys', { PageSize: 100 }, POST);
    const ids = out.Keys.Key.map((k) => k.KeyId);
    for (const k of [aes, env('KMS_TEST_RSA_SIGN_KEY'), env('KMS_TEST_EC_SIGN_KEY')])
      if (!ids.includes(k)) return `ListKeys misses ${k}`;
    if (out.TotalCount !== ids.length) return `TotalCount ${out.TotalCount} but ${ids.length} keys`;
    const second = await client.request('ListKeys', { PageSize: 1, PageNumber: 2 });
    return second.Keys.Key.length === 1 && second.Keys.Key[0].KeyId === ids[1]
      ? undefined
      : 'page 2 of size 1 is wrong';
  });
  await c.run('wrong-secret-signature-does-not-match', async () => {
    try {
      await make('not-the-secret').request('Encrypt', { KeyId: aes, Plaintext: 'x' }, POST);
      return 'the call succeeded';
    } catch (err) {
      if (err.code !== 'SignatureDoesNotMatch') return `got ${err.code}: ${err.message}`;
      // The real gateway returns its string-to-sign so that callers can compare: POST&%2F&<params>.
      return /string to sign is:\s*POST&%2F&/.test(err.message)
        ? undefined
        : `no server string-to-sign in: ${err.message}`;
    }
  });
  c.finish();
})();
