'use strict';
// pop-core started with NODE_EXTRA_CA_CERTS naming a CA that did not sign the mock's gateway
// certificate (the runner swaps it): the call must fail on TLS, never reach the gateway.
const RPCClient = require('@alicloud/pop-core');
const { Checks, env } = require('./checks.cjs');

const region = env('ALIBABA_CLOUD_REGION_ID');
const client = new RPCClient({
  accessKeyId: env('ALIBABA_CLOUD_ACCESS_KEY_ID'),
  accessKeySecret: env('ALIBABA_CLOUD_ACCESS_KEY_SECRET'),
  endpoint: `https://kms.${region}.aliyuncs.com`,
  apiVersion: '2016-01-20',
});
const c = new Checks();

(async () => {
  await c.run('untrusted-ca-refused', async () => {
    try {
      await client.request('Encrypt', { KeyId: env('KMS_TEST_AES_KEY'), Plaintext: 'x' }, { method: 'POST' });
      return 'the call succeeded although the client does not trust the mock CA';
    } catch (err) {
      const text = `${err?.code} ${err?.message}`;
      return /certificate|self.signed|UNABLE_TO_VERIFY|issuer/i.test(text)
        ? undefined
        : `failed, but not on TLS: ${text}`;
    }
  });
  c.finish();
})();
