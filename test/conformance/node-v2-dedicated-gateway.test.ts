// The vendor's Node route, end to end with the REAL @alicloud/kms20160120 1.2.0: a legacy app runs on
// the shared gateway, `migrate` rewrites that very file, and the rewritten app talks to the mock's
// KMS instance endpoint (the dedicated gateway) with the CA given through NODE_EXTRA_CA_CERTS.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATE_RULES } from '../../src/languages/rewrite-kit/findings.js';
import { NODE_CA_RULE, OFF_INSTANCE_RULE } from '../../src/languages/typescript/rewrite-tea-kms.js';
import { migrate } from '../../src/migrate/index.js';
import { type MockHandle, startMock } from '../../src/mock/index.js';
import { CONFORMANCE_DIR } from './support/launchers.js';
import { describeFailures, type ProgramRun, runProgram } from './support/run-program.js';

const APP = 'v2-dedicated-app.cjs';
let mock: MockHandle;
let work: string;

beforeAll(async () => {
  mock = await startMock({ quiet: true });
  work = mkdtempSync(join(tmpdir(), 'kms-v2-dedicated-'));
  for (const f of [APP, 'checks.cjs']) copyFileSync(join(CONFORMANCE_DIR, 'node', f), join(work, f));
});
afterAll(async () => {
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The environment a migrated app runs with: credentials, the instance variables, nothing of the mock's plumbing. */
function migratedEnv(extra: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(NODE_OPTIONS|NODE_EXTRA_CA_CERTS|https?_proxy|no_proxy)$/i.test(k)) continue;
    base[k] = v;
  }
  const m = mock.env('node');
  return {
    ...base,
    // The copied app resolves the SDK from this repository's dependencies.
    NODE_PATH: resolve('node_modules'),
    ALIBABA_CLOUD_ACCESS_KEY_ID: m.ALIBABA_CLOUD_ACCESS_KEY_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: m.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    KMS_INSTANCE_ENDPOINT: m.KMS_INSTANCE_ENDPOINT,
    KMS_CA_FILE: m.KMS_CA_FILE,
    ...extra,
  };
}

const run = (phase: string, env: Record<string, string>) =>
  runProgram(process.execPath, [join(work, APP), phase], { env, timeoutMs: 60_000 });

function expectClean(r: ProgramRun, required: string[], label: string): void {
  expect(describeFailures(r, required), label).toBe('');
}

describe('@alicloud/kms20160120 1.2.0 on the dedicated gateway, as migrate leaves it', () => {
  it('pre-move ciphertext decrypts, crypto reaches only the instance, ReEncrypt is refused; no CA, no TLS', async () => {
    const keyId = mock.admin.createKey({ description: 'v2 dedicated gateway' }).KeyId;
    const legacyEnv = {
      ...(process.env as Record<string, string>),
      NODE_PATH: resolve('node_modules'),
      ...mock.env('node'),
      KMS_TEST_TRANSFER_AES_KEY: keyId,
    };
    const before = await run('before', legacyEnv);
    expectClean(before, ['encrypt-on-shared-gateway'], 'legacy app on the shared gateway');
    expect(before.outputs.blob).toBeTruthy();
    expect(mock.admin.callCounts().gateway.Encrypt).toBeGreaterThan(0);

    // Scan sees ReEncrypt through rpc-client's generic doRequest (1.2.0 has no reEncrypt method), so
    // the app is blocked and migrate leaves it alone; forced, it rewrites it, and the instance endpoint
    // then refuses that call itself.
    const refused = await migrate({ paths: [work], write: true });
    expect(refused.written).toEqual([]);
    expect(refused.unrewritten.map((f) => f.ruleId)).toContain('migrate/blocked-app');
    const result = await migrate({ paths: [work], write: true, force: true });
    expect(result.written.map((w) => w.endsWith(APP))).toEqual([true]);
    const migrated = readFileSync(join(work, APP), 'utf8');
    expect(migrated).toContain('endpoint: process.env.KMS_INSTANCE_ENDPOINT,\n});');
    expect(migrated).not.toContain("'kms.cn-hangzhou.aliyuncs.com'");
    // migrate warned about exactly the two calls the instance endpoint then refuses.
    expect(
      result.unrewritten.filter((f) => f.ruleId === OFF_INSTANCE_RULE).map((f) => f.message.split(' ')[0]),
    ).toEqual(['ReEncrypt', 'DescribeKey']);
    const notes = result.unrewritten.filter((f) => f.ruleId === NODE_CA_RULE);
    expect(notes.map((n) => n.severity)).toEqual(['warning']);
    expect(notes.every((n) => n.message.includes('NODE_EXTRA_CA_CERTS="$KMS_CA_FILE" node app.js'))).toBe(
      true,
    );
    // The client already reading KMS_INSTANCE_ENDPOINT is the project's own setting: a configuration change.
    const configured = result.unrewritten.filter((f) => f.ruleId === MIGRATE_RULES.configurationChange);
    expect(configured.map((n) => n.severity)).toEqual(['info']);
    expect(configured[0].message).toMatch(
      /set the environment variable KMS_INSTANCE_ENDPOINT .* NODE_EXTRA_CA_CERTS/,
    );

    mock.admin.moveKeys([keyId]);
    mock.admin.closeGateway([keyId]);
    mock.admin.resetCounts();

    const env = { KMS_TEST_TRANSFER_AES_KEY: keyId, KMS_TEST_OLD_CIPHERTEXT: before.outputs.blob };
    const caFile = mock.caFile;
    const after = await run('after', migratedEnv({ ...env, NODE_EXTRA_CA_CERTS: caFile }));
    expectClean(
      after,
      [
        'pre-move-ciphertext-decrypts',
        'encrypt-decrypt',
        'generate-data-key',
        're-encrypt-refused',
        'management-api-refused',
      ],
      'migrated app on the instance endpoint',
    );
    const counts = mock.admin.callCounts();
    expect(counts.gateway, 'nothing reached the shared gateway').toEqual({});
    expect(counts.instance).toMatchObject({
      Encrypt: 1,
      GenerateDataKey: 1,
      Decrypt: 3,
      ReEncrypt: 1,
      DescribeKey: 1,
    });

    mock.admin.resetCounts();
    const noCa = await run('no-ca', migratedEnv(env));
    expectClean(
      noCa,
      ['tls-fails-without-ca', 'config-ca-is-ignored', 'runtime-ca-is-ignored'],
      'migrated app without NODE_EXTRA_CA_CERTS',
    );
    // The handshake failed: no request was ever read by either face.
    expect(mock.admin.callCounts()).toEqual({ gateway: {}, instance: {} });
  });
});
