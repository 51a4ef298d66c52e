import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { skipOrFail } from '../support/gate.js';
import { installTransferPackage, repoRoot } from './helpers/node-package.js';

// A pop-core application run unmodified through the gateway, then its migrated form run against the
// instance after the key moved: same results, old ciphertext still decrypts, no crypto at the gateway.
type Mock = Awaited<ReturnType<typeof startMock>>;
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as an app does
type Json = Record<string, any>;

const fixture = join(repoRoot, 'test', 'transfer', 'fixtures', 'popcore-app');
let mock: Mock;
let work: string;
let keyId: string;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  work = mkdtempSync(join(tmpdir(), 'transfer-app-'));
  installTransferPackage(work);
  keyId = mock.admin.createKey({ description: 'pop-core app key' }).KeyId;
});
afterAll(async () => {
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function runApp(file: string, extraEnv: Record<string, string>): Promise<Json> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...mock.env('node'),
    APP_KEY_ID: keyId,
    ...extraEnv,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, cwd: work });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited ${code}: ${err.slice(-1500)}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Json);
    });
  });
}

function sum(counts: Record<string, number>, actions: string[]): number {
  return actions.reduce((n, a) => n + (counts[a] ?? 0), 0);
}
const CRYPTO = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'];

async function legacyThenMove(): Promise<Json> {
  cpSync(join(fixture, 'before', 'app.mjs'), join(work, 'before.mjs'));
  const legacy = await runApp(join(work, 'before.mjs'), {});
  expect(legacy.plaintext).toBe('card 4111-1111');
  expect(legacy.dataKeyRoundTrip).toBe(true);
  mock.admin.moveKeys([keyId]);
  mock.admin.closeGateway([keyId]);
  return legacy;
}

async function checkMigratedRun(file: string, legacy: Json): Promise<void> {
  mock.admin.resetCounts();
  const migrated = await runApp(file, { APP_OLD_CIPHERTEXT: legacy.ciphertext });
  expect(migrated.plaintext).toBe(legacy.plaintext);
  expect(migrated.oldPlaintext).toBe('card 4111-1111');
  expect(migrated.dataKeyRoundTrip).toBe(true);
  expect(migrated.describedKeyId).toBe(keyId);
  const counts = mock.admin.callCounts();
  expect(sum(counts.gateway, CRYPTO)).toBe(0);
  expect(sum(counts.instance, CRYPTO)).toBeGreaterThanOrEqual(5);
  expect(counts.gateway.DescribeKey).toBe(1);
}

describe('a pop-core application moved to KmsTransferPopClient', () => {
  let legacy: Json;

  it('runs the legacy app through the gateway, then the README-shaped migration against the instance', async () => {
    legacy = await legacyThenMove();
    cpSync(join(fixture, 'after', 'app.mjs'), join(work, 'after.mjs'));
    await checkMigratedRun(join(work, 'after.mjs'), legacy);
  });

  it('CommonJS apps can require the package (Node >= 20.19 loads ES modules through require)', async () => {
    writeFileSync(
      join(work, 'probe.cjs'),
      "const { KmsTransferPopClient } = require('kms-codemod/transfer');\nconsole.log(JSON.stringify({ type: typeof KmsTransferPopClient }));\n",
    );
    expect(await runApp(join(work, 'probe.cjs'), {})).toEqual({ type: 'function' });
  });

  it('the output of `migrate` on the legacy app runs the same way', async (ctx) => {
    const migrateIndex = join(repoRoot, 'src', 'migrate', 'index.ts');
    if (!existsSync(migrateIndex)) skipOrFail(ctx, 'src/migrate/index.ts does not exist');
    const { migrateSource } = await import('./helpers/migrate-source.js');
    const source = readFileSync(join(fixture, 'before', 'app.mjs'), 'utf8');
    const rewritten = await migrateSource(migrateIndex, work, 'app.mjs', source);
    expect(rewritten).toContain('kms-codemod/transfer');
    await checkMigratedRun(join(work, 'app.mjs'), legacy);
  });
});
