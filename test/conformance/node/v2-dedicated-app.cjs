'use strict';
// A legacy @alicloud/kms20160120 1.2.0 app on the shared gateway. The conformance test runs it as it
// is (phase "before", redirected by the mock's preload), then runs what `kms-codemod migrate` makes
// of this very file (phases "after" and "no-ca") against the mock's instance endpoint.
const Kms = require('@alicloud/kms20160120');
const Util = require('@alicloud/tea-util');
const { readFileSync } = require('node:fs');
const { Checks, env } = require('./checks.cjs');

const client = new Kms.default({
  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  regionId: 'cn-hangzhou',
  endpoint: 'kms.cn-hangzhou.aliyuncs.com',
});

const keyId = env('KMS_TEST_TRANSFER_AES_KEY');
const CTX = { app: 'conformance', phase: 'v2-dedicated' };
const TLS_CODES = [
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
];
const c = new Checks();

async function before() {
  await c.run('encrypt-on-shared-gateway', async () => {
    const enc = await client.encrypt(
      new Kms.EncryptRequest({ keyId, plaintext: 'sealed before the move', encryptionContext: CTX }),
    );
    console.log(JSON.stringify({ output: { blob: enc.ciphertextBlob } }));
    return enc.ciphertextBlob ? undefined : `Encrypt gave ${JSON.stringify(enc)}`;
  });
}

async function after() {
  await c.run('pre-move-ciphertext-decrypts', async () => {
    const blob = env('KMS_TEST_OLD_CIPHERTEXT');
    const dec = await client.decrypt(
      new Kms.DecryptRequest({ ciphertextBlob: blob, encryptionContext: CTX }),
    );
    return dec.plaintext === 'sealed before the move' ? undefined : `Decrypt gave ${dec.plaintext}`;
  });
  await c.run('encrypt-decrypt', async () => {
    const enc = await client.encrypt(new Kms.EncryptRequest({ keyId, plaintext: 'sealed after the move' }));
    if (enc.keyId !== keyId) return `Encrypt answered for key ${enc.keyId}`;
    const dec = await client.decrypt(new Kms.DecryptRequest({ ciphertextBlob: enc.ciphertextBlob }));
    return dec.plaintext === 'sealed after the move' ? undefined : `Decrypt gave ${dec.plaintext}`;
  });
  await c.run('generate-data-key', async () => {
    const gdk = await client.generateDataKey(
      new Kms.GenerateDataKeyRequest({ keyId, keySpec: 'AES_256', encryptionContext: CTX }),
    );
    if (Buffer.from(gdk.plaintext, 'base64').length !== 32) return 'the data key is not 32 bytes';
    const back = await client.decrypt(
      new Kms.DecryptRequest({ ciphertextBlob: gdk.ciphertextBlob, encryptionContext: CTX }),
    );
    return back.plaintext === gdk.plaintext
      ? undefined
      : 'the data key blob does not decrypt to the data key';
  });
  // 1.2.0 has no reEncrypt method: apps reach ReEncrypt through rpc-client's generic doRequest.
  // rpc-client reports the service's Code with an "Error" suffix.
  await c.expectError(
    're-encrypt-refused',
    () =>
      client.doRequest(
        'ReEncrypt',
        'HTTPS',
        'POST',
        '2016-01-20',
        'AK',
        { CiphertextBlob: env('KMS_TEST_OLD_CIPHERTEXT'), DestinationKeyId: keyId },
        null,
        new Util.RuntimeOptions({}),
      ),
    ['InvalidAction.NotFoundError'],
  );
  await c.expectError(
    'management-api-refused',
    () => client.describeKey(new Kms.DescribeKeyRequest({ keyId })),
    ['InvalidAction.NotFoundError'],
  );
}

/** Without NODE_EXTRA_CA_CERTS the instance certificate is not trusted, and no code-level CA helps. */
async function noCa() {
  const ca = readFileSync(env('KMS_CA_FILE'), 'utf8');
  const tls = async (name, call) => {
    try {
      await call();
      c.record(name, false, 'the call succeeded without the instance CA trusted');
    } catch (err) {
      c.record(name, TLS_CODES.includes(err.code), `got ${err.code}: ${err.message}`);
    }
  };
  await tls('tls-fails-without-ca', () => client.encrypt(new Kms.EncryptRequest({ keyId, plaintext: 'x' })));
  const withCa = new Kms.default({
    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    endpoint: process.env.KMS_INSTANCE_ENDPOINT,
    ca,
  });
  await tls('config-ca-is-ignored', () => withCa.encrypt(new Kms.EncryptRequest({ keyId, plaintext: 'x' })));
  await tls('runtime-ca-is-ignored', () =>
    client.encryptEx(new Kms.EncryptRequest({ keyId, plaintext: 'x' }), new Util.RuntimeOptions({ ca })),
  );
}

const phase = process.argv[2];
const phases = { before, after, 'no-ca': noCa };
(async () => {
  if (!phases[phase]) {
    c.record(`phase:${phase}`, false, 'use before, after or no-ca');
  } else {
    await phases[phase]();
  }
  c.finish();
})();
