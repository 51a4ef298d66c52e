import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { installTransferPackage } from './helpers/node-package.js';
import { interopEnv, runJson } from './helpers/run-json.js';

// pop-core is an optional peer dependency: an app without it loads the module and uses the ten
// instance actions; a pass-through action fails with an error that names the package to install.
type Mock = Awaited<ReturnType<typeof startMock>>;

let mock: Mock;
let work: string;
beforeAll(async () => {
  mock = await startMock({ quiet: true });
  work = mkdtempSync(join(tmpdir(), 'transfer-nopop-'));
  installTransferPackage(work, { withPopCore: false });
  writeFileSync(
    join(work, 'app.mjs'),
    `import { KmsTransferPopClient } from 'kms-codemod/transfer';
const e = process.env;
const client = new KmsTransferPopClient(
  { accessKeyId: e.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: e.ALIBABA_CLOUD_ACCESS_KEY_SECRET, endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' },
  { endpoint: e.KMS_INSTANCE_ENDPOINT, clientKeyFile: e.KMS_CLIENT_KEY_FILE, password: e.KMS_CLIENT_KEY_PASSWORD, caFile: e.KMS_CA_FILE },
);
const enc = await client.request('Encrypt', { KeyId: e.APP_KEY_ID, Plaintext: 'no pop-core here' });
const dec = await client.request('Decrypt', { CiphertextBlob: enc.CiphertextBlob });
let passThrough;
try {
  await client.request('DescribeKey', { KeyId: e.APP_KEY_ID });
} catch (err) {
  passThrough = { code: err.code, message: err.message };
}
client.close();
console.log(JSON.stringify({ plaintext: dec.Plaintext, passThrough }));
`,
  );
});
afterAll(async () => {
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('without @alicloud/pop-core installed', () => {
  it('serves instance actions and explains what to install for the others', async () => {
    const env = { PATH: process.env.PATH ?? '', ...interopEnv(mock), APP_KEY_ID: mock.sampleKeys.aes };
    const out = await runJson(process.execPath, [join(work, 'app.mjs')], env, 'app without pop-core', work);
    expect(out.plaintext).toBe('no pop-core here');
    expect(out.passThrough.code).toBe('SDK.MissingPopCore');
    expect(out.passThrough.message).toContain('npm install @alicloud/pop-core');
    expect(out.passThrough.message).toContain('DescribeKey');
  });
});
