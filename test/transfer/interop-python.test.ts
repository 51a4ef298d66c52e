import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import type { KmsTransferPopClient } from '../../src/transfer/index.js';
import { transferClient } from './helpers/mock-client.js';
import { repoRoot } from './helpers/node-package.js';
import { interopEnv, runJson } from './helpers/run-json.js';
import {
  type PythonToolchain,
  pythonToolchain,
  requireToolchain,
  type Unavailable,
} from './helpers/toolchain.js';

// Cross-language proof: ciphertexts of the vendor's Python transfer SDK (alibabacloud-dkms-transfer-python,
// the real package from the toolchain venv) decrypt with ours and the other way round, on one mock.
type Mock = Awaited<ReturnType<typeof startMock>>;
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as an app does
type Json = Record<string, any>;

let mock: Mock;
let client: KmsTransferPopClient;
let tc: PythonToolchain | Unavailable;
const script = join(repoRoot, 'test', 'transfer', 'fixtures', 'interop', 'python_transfer.py');

beforeAll(async () => {
  [mock, tc] = await Promise.all([startMock({ quiet: true }), pythonToolchain()]);
  client = transferClient(mock);
});
afterAll(async () => {
  client?.close();
  await mock?.close();
});

const needPython = (ctx: TestContext) => requireToolchain(tc, 'Python transfer SDK', ctx);

function runPython(py: PythonToolchain, args: Json): Promise<Json> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...py.env, ...interopEnv(mock) };
  return runJson(py.python, [script, JSON.stringify(args)], env, `python transfer SDK (${args.op})`);
}

const context = { app: 'interop', region: 'cn-hangzhou' };

describe('interop with the Python transfer SDK', () => {
  it('a Python ciphertext and a Python data key decrypt with ours', async (ctx) => {
    const py = needPython(ctx);
    const { results } = await runPython(py, {
      ops: [
        { op: 'encrypt', keyId: mock.sampleKeys.aes, plaintext: 'from python ✓', context },
        { op: 'generateDataKey', keyId: mock.sampleKeys.aes, context },
      ],
    });
    const [enc, gdk] = results as Json[];
    const dec: Json = await client.request('Decrypt', {
      CiphertextBlob: enc.blob,
      EncryptionContext: JSON.stringify(context),
    });
    expect(dec.Plaintext).toBe('from python ✓');
    const key: Json = await client.request('Decrypt', {
      CiphertextBlob: gdk.blob,
      EncryptionContext: JSON.stringify(context),
    });
    expect(key.Plaintext).toBe(gdk.plaintext);
    expect(Buffer.from(key.Plaintext, 'base64')).toHaveLength(32);
  });

  it('our ciphertexts (Encrypt and GenerateDataKey) decrypt with Python', async (ctx) => {
    const py = needPython(ctx);
    // the same context with its keys in another order: the AAD sorts them
    const reordered = JSON.stringify({ region: 'cn-hangzhou', app: 'interop' });
    const enc: Json = await client.request('Encrypt', {
      KeyId: mock.sampleKeys.aes,
      Plaintext: 'from node ✓',
      EncryptionContext: reordered,
    });
    const gdk: Json = await client.request('GenerateDataKey', {
      KeyId: mock.sampleKeys.aes,
      EncryptionContext: reordered,
    });
    const { results } = await runPython(py, {
      ops: [
        { op: 'decrypt', blob: enc.CiphertextBlob, context },
        { op: 'decrypt', blob: gdk.CiphertextBlob, context },
      ],
    });
    expect(results).toEqual([{ plaintext: 'from node ✓' }, { plaintext: gdk.Plaintext }]);
  });
});
