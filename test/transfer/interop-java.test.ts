import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import type { KmsTransferPopClient } from '../../src/transfer/index.js';
import { transferClient } from './helpers/mock-client.js';
import { repoRoot } from './helpers/node-package.js';
import { interopEnv, runJson } from './helpers/run-json.js';
import {
  type JavaToolchain,
  javaToolchain,
  requireToolchain,
  type Unavailable,
} from './helpers/toolchain.js';

// Cross-language proof with the vendor's Java transfer SDK (com.aliyun.kms:kms-transfer-client 0.2.2
// from the toolchain's Maven cache), compiled once with javac. Both directions in one JVM start each.
type Mock = Awaited<ReturnType<typeof startMock>>;
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as an app does
type Json = Record<string, any>;

let mock: Mock;
let client: KmsTransferPopClient;
let tc: JavaToolchain | Unavailable;
let classes: string | Error;

beforeAll(async () => {
  [mock, tc] = await Promise.all([startMock({ quiet: true }), javaToolchain()]);
  client = transferClient(mock);
  if (!tc.ok) return;
  classes = mkdtempSync(join(tmpdir(), 'transfer-java-'));
  const source = join(repoRoot, 'test', 'transfer', 'fixtures', 'interop', 'java', 'TransferInterop.java');
  const r = spawnSync(tc.javac, ['-cp', tc.classpath, '-d', classes, source], {
    encoding: 'utf8',
    env: { ...process.env, ...tc.env },
  });
  if (r.status !== 0) classes = new Error(`javac of the interop program failed: ${r.stderr.slice(-1500)}`);
}, 600_000);
afterAll(async () => {
  client?.close();
  await mock?.close();
  if (typeof classes === 'string') rmSync(classes, { recursive: true, force: true });
});

function runJava(ctx: TestContext, ops: Json[]): Promise<Json> {
  const java = requireToolchain(tc, 'Java transfer SDK', ctx);
  if (classes instanceof Error) throw classes;
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    // the JVM decodes argv with the locale's charset
    LC_ALL: 'C.UTF-8',
    ...java.env,
    ...interopEnv(mock),
  };
  return runJson(
    java.java,
    [
      '-Dfile.encoding=UTF-8',
      '-cp',
      `${java.classpath}${delimiter}${classes}`,
      'TransferInterop',
      JSON.stringify({ ops }),
    ],
    env,
    'java transfer SDK',
  );
}

const context = { app: 'interop-java', stage: 'test' };

describe('interop with the Java transfer SDK', () => {
  it('ciphertexts cross both ways between Java and ours', async (ctx) => {
    const ours: Json = await client.request('Encrypt', {
      KeyId: mock.sampleKeys.aes,
      Plaintext: 'from node ✓',
      EncryptionContext: JSON.stringify(context),
    });
    const { results } = await runJava(ctx, [
      { op: 'encrypt', keyId: mock.sampleKeys.aes, plaintext: 'from java ✓', context },
      { op: 'decrypt', blob: ours.CiphertextBlob, context },
    ]);
    expect(results[1]).toEqual({ plaintext: 'from node ✓' });
    const dec: Json = await client.request('Decrypt', {
      CiphertextBlob: results[0].blob,
      EncryptionContext: JSON.stringify(context),
    });
    expect(dec.Plaintext).toBe('from java ✓');
  });
});
