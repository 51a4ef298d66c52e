'use strict';
// @alicloud/kms20160120 1.2.0 (the V2 tea client on @alicloud/rpc-client) against the mock's gateway,
// redirected like pop-core by the mock's preload hook and CA.
const crypto = require('node:crypto');
const Kms = require('@alicloud/kms20160120');
const { Checks, env } = require('./checks.cjs');

const Client = Kms.default;
const region = env('ALIBABA_CLOUD_REGION_ID');
const make = (secret) =>
  new Client({
    accessKeyId: env('ALIBABA_CLOUD_ACCESS_KEY_ID'),
    accessKeySecret: secret,
    regionId: region,
    endpoint: `kms.${region}.aliyuncs.com`,
  });
const client = make(env('ALIBABA_CLOUD_ACCESS_KEY_SECRET'));
const aes = env('KMS_TEST_AES_KEY');
const CTX = { app: 'conformance', tenant: 't-v2' };
const c = new Checks();

(async () => {
  await c.run('encrypt-decrypt-with-context', async () => {
    const enc = await client.encrypt(
      new Kms.EncryptRequest({ keyId: aes, plaintext: 'hello from kms20160120', encryptionContext: CTX }),
    );
    if (enc.keyId !== aes || !enc.ciphertextBlob) return `Encrypt gave ${JSON.stringify(enc)}`;
    const dec = await client.decrypt(
      new Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob, encryptionContext: CTX }),
    );
    return dec.plaintext === 'hello from kms20160120' ? undefined : `Decrypt gave ${dec.plaintext}`;
  });
  await c.run('generate-data-key', async () => {
    const out = await client.generateDataKey(
      new Kms.GenerateDataKeyRequest({ keyId: aes, keySpec: 'AES_256', encryptionContext: CTX }),
    );
    if (Buffer.from(out.plaintext, 'base64').length !== 32) return 'data key is not 32 bytes';
    const back = await client.decrypt(
      new Kms.DecryptRequest({ ciphertextBlob: out.ciphertextBlob, encryptionContext: CTX }),
    );
    return back.plaintext === out.plaintext
      ? undefined
      : 'Decrypt of the data key blob does not give the data key';
  });
  await c.run('asymmetric-sign-verify-rsa-pss', async () => {
    const keyId = env('KMS_TEST_RSA_SIGN_KEY');
    const md = (await client.describeKey(new Kms.DescribeKeyRequest({ keyId }))).keyMetadata;
    const digest = crypto.createHash('sha256').update('signed by kms20160120').digest('base64');
    const base = { keyId, keyVersionId: md.primaryKeyVersion, algorithm: 'RSA_PSS_SHA_256', digest };
    const sig = await client.asymmetricSign(new Kms.AsymmetricSignRequest(base));
    const ok = await client.asymmetricVerify(new Kms.AsymmetricVerifyRequest({ ...base, value: sig.value }));
    return ok.value === true ? undefined : `AsymmetricVerify gave ${ok.value}`;
  });
  await c.run('describe-key', async () => {
    const md = (await client.describeKey(new Kms.DescribeKeyRequest({ keyId: aes }))).keyMetadata;
    return md.keyId === aes && md.keyState === 'Enabled' ? undefined : `KeyMetadata ${JSON.stringify(md)}`;
  });
  await c.run('list-keys-paged', async () => {
    const out = await client.listKeys(new Kms.ListKeysRequest({ pageSize: 100 }));
    const ids = out.keys.key.map((k) => k.keyId);
    if (!ids.includes(aes)) return `ListKeys misses ${aes}`;
    if (out.totalCount !== ids.length) return `TotalCount ${out.totalCount} but ${ids.length} keys`;
    const second = await client.listKeys(new Kms.ListKeysRequest({ pageSize: 1, pageNumber: 2 }));
    return second.keys.key.length === 1 && second.keys.key[0].keyId === ids[1]
      ? undefined
      : 'page 2 of size 1 is wrong';
  });
  // @alicloud/rpc-client reports the gateway's Code with an "Error" suffix.
  await c.expectError(
    'wrong-secret-signature-does-not-match',
    () => make('not-the-secret').encrypt(new Kms.EncryptRequest({ keyId: aes, plaintext: 'x' })),
    ['SignatureDoesNotMatchError'],
  );
  c.finish();
})();
