import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import type { KmsTransferPopClient } from '../../src/transfer/index.js';
import { transferClient } from './helpers/mock-client.js';
import { repoRoot } from './helpers/node-package.js';
import { interopEnv, runJson } from './helpers/run-json.js';
import { type GoToolchain, goToolchain, requireToolchain, type Unavailable } from './helpers/toolchain.js';

// Cross-language proof with the vendor's Go transfer SDK (alibabacloud-dkms-transfer-go-sdk, the real
// module from the toolchain's module cache): its ciphertexts decrypt with ours and ours with it.
type Mock = Awaited<ReturnType<typeof startMock>>;
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as an app does
type Json = Record<string, any>;

let mock: Mock;
let client: KmsTransferPopClient;
let tc: GoToolchain | Unavailable;
let work: string;
let binary: string | Error;

beforeAll(async () => {
  [mock, tc] = await Promise.all([startMock({ quiet: true }), goToolchain()]);
  client = transferClient(mock);
  if (!tc.ok) return;
  work = mkdtempSync(join(tmpdir(), 'transfer-go-'));
  writeFileSync(
    join(work, 'go.mod'),
    `module kms-codemod.local/transfer-interop\n\ngo ${tc.goDirective}\n\n${tc.goModRequires}`,
  );
  if (tc.replaceOrSum) writeFileSync(join(work, 'go.sum'), tc.replaceOrSum);
  copyFileSync(
    join(repoRoot, 'test', 'transfer', 'fixtures', 'interop', 'go', 'main.go'),
    join(work, 'main.go'),
  );
  binary = join(work, 'interop');
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(tc.go, ['build', '-o', binary, '.'], {
    cwd: work,
    env: { ...process.env, ...tc.env },
    encoding: 'utf8',
  });
  if (r.status !== 0) binary = new Error(`go build of the interop program failed: ${r.stderr.slice(-1500)}`);
}, 600_000);
afterAll(async () => {
  client?.close();
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function needGo(ctx: TestContext): string {
  requireToolchain(tc, 'Go transfer SDK', ctx);
  if (binary instanceof Error) throw binary;
  return binary;
}

const runGo = (bin: string, args: Json) =>
  runJson(
    bin,
    [JSON.stringify(args)],
    { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...interopEnv(mock) },
    `go transfer SDK (${args.op})`,
  );

const context = { app: 'interop-go', stage: 'test' };

describe('interop with the Go transfer SDK', () => {
  it('a Go ciphertext decrypts with ours', async (ctx) => {
    const bin = needGo(ctx);
    const { blob } = await runGo(bin, {
      op: 'encrypt',
      keyId: mock.sampleKeys.aes,
      plaintext: 'from go ✓',
      context,
    });
    const dec: Json = await client.request('Decrypt', {
      CiphertextBlob: blob,
      EncryptionContext: JSON.stringify(context),
    });
    expect(dec.Plaintext).toBe('from go ✓');
  });

  it('our ciphertext decrypts with Go', async (ctx) => {
    const bin = needGo(ctx);
    const enc: Json = await client.request('Encrypt', {
      KeyId: mock.sampleKeys.aes,
      Plaintext: 'from node ✓',
      EncryptionContext: JSON.stringify(context),
    });
    const { plaintext } = await runGo(bin, { op: 'decrypt', blob: enc.CiphertextBlob, context });
    expect(plaintext).toBe('from node ✓');
  });
});
