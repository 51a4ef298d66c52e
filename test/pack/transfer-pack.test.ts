import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import { interopEnv, runJson } from '../transfer/helpers/run-json.js';

// The slim Node transfer client: packed from packages/transfer, installed into an empty project as an
// application in production would (--omit=dev), it encrypts and decrypts against the mock's instance,
// and nothing of the scanner comes with it.
const repo = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'kms-transfer-pack-'));
type Mock = Awaited<ReturnType<typeof startMock>>;
let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ quiet: true });
});
afterAll(async () => {
  await mock?.close();
  rmSync(work, { recursive: true, force: true });
});

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: {
      ...process.env,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Every package directory in a node_modules tree (scoped ones as `@scope/name`). */
function installedPackages(nodeModules: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const inner of readdirSync(join(nodeModules, name))) out.push(`${name}/${inner}`);
    } else out.push(name);
  }
  for (const p of [...out]) {
    const nested = join(nodeModules, p, 'node_modules');
    if (statSync(nested, { throwIfNoEntry: false })?.isDirectory()) out.push(...installedPackages(nested));
  }
  return out;
}

describe('@kms-codemod/transfer, packed and installed on its own', () => {
  it('installs without the scanner and runs a pop-core style Encrypt/Decrypt against the mock', async () => {
    const pkgDir = join(repo, 'packages/transfer');
    const build = sh(
      process.execPath,
      [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      pkgDir,
    );
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const packDir = join(work, 'pack');
    mkdirSync(packDir);
    const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], pkgDir);
    expect(pack.code, pack.stderr).toBe(0);
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tgz).toMatch(/^kms-codemod-transfer-\d+\.\d+\.\d+\.tgz$/);

    const app = join(work, 'app');
    mkdirSync(app);
    cpSync(join(packDir, tgz as string), join(app, tgz as string));
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'prod-app', private: true, type: 'module' }),
    );
    const install = sh(
      'npm',
      ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', `./${tgz}`],
      app,
    );
    expect(install.code, install.stderr).toBe(0);

    const installed = installedPackages(join(app, 'node_modules'));
    expect(installed).toContain('@kms-codemod/transfer');
    expect(installed).toContain('protobufjs');
    expect(installed).toContain('node-forge');
    expect(
      installed.filter((p) => /(^|\/)tree-sitter/.test(p) || p === 'typescript' || p === 'ts-morph'),
    ).toEqual([]);
    expect(installed).not.toContain('commander');

    writeFileSync(
      join(app, 'app.mjs'),
      `import { KmsTransferPopClient } from '@kms-codemod/transfer';
const e = process.env;
const client = new KmsTransferPopClient(
  { accessKeyId: e.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: e.ALIBABA_CLOUD_ACCESS_KEY_SECRET, endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' },
  { endpoint: e.KMS_INSTANCE_ENDPOINT, clientKeyFile: e.KMS_CLIENT_KEY_FILE, password: e.KMS_CLIENT_KEY_PASSWORD, caFile: e.KMS_CA_FILE },
);
const enc = await client.request('Encrypt', { KeyId: e.APP_KEY_ID, Plaintext: 'from the slim package' }, { method: 'POST' });
const dec = await client.request('Decrypt', { CiphertextBlob: enc.CiphertextBlob }, { method: 'POST' });
client.close();
console.log(JSON.stringify({ keyId: enc.KeyId, plaintext: dec.Plaintext }));
`,
    );
    const env = { PATH: process.env.PATH ?? '', ...interopEnv(mock), APP_KEY_ID: mock.sampleKeys.aes };
    const out = await runJson(process.execPath, [join(app, 'app.mjs')], env, 'slim package app', app);
    expect(out.plaintext).toBe('from the slim package');
    expect(out.keyId).toBe(mock.sampleKeys.aes);
  }, 180_000);
});
