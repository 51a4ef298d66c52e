import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { migrate } from '../migrate/index.js';
import { isInstanceAction } from '../model/kms-actions.js';
import { runCommand, tailOf } from '../toolchains/run-command.js';
import { copySample } from './copy-sample.js';
import {
  loadStartMock,
  type MockHandle,
  type MockLang,
  normalizeCounts,
  normalizeCreatedKey,
} from './mock-api.js';
import type { VerifyHooks } from './prepare-sample.js';
import { startProbeProxy } from './probe-proxy.js';
import type { CheckResult, Profile, SampleLang, SampleRunResult, StepTiming, VerifyReport } from './types.js';

const COMMAND_TIMEOUT_MS = 15 * 60_000;

export interface VerifyCommandOptions {
  /** Shell command that exercises the application (its tests, or the app itself). */
  command: string;
  appDir: string;
  profile?: Profile;
  keep?: boolean;
  hooks?: VerifyHooks;
  onProgress?: (line: string) => void;
}

/** The variables a user's command can read the mock's ready-made keys and secret from. */
export const RUN_KEY_ENV = {
  aes: 'KMS_VERIFY_AES_KEY_ID',
  rsaEncrypt: 'KMS_VERIFY_RSA_ENCRYPT_KEY_ID',
  rsaSign: 'KMS_VERIFY_RSA_SIGN_KEY_ID',
  ecSign: 'KMS_VERIFY_EC_SIGN_KEY_ID',
  secretName: 'KMS_VERIFY_SECRET_NAME',
} as const;

/**
 * `verify --run`: the user's command runs on a copy of the app with the mock's gateway environment,
 * the mock's keys move, then the command runs on a migrated copy, and once more against an instance
 * whose certificate the configured CA did not sign.
 */
export async function verifyCommand(
  options: VerifyCommandOptions,
): Promise<VerifyReport & { workDir: string }> {
  const started = performance.now();
  const say = options.onProgress ?? (() => {});
  const profile = options.profile ?? 'software';
  const appDir = resolve(options.appDir);
  const workDir = mkdtempSync(join(tmpdir(), 'kms-codemod-verify-run-'));
  const timings: StepTiming[] = [];
  const checks: CheckResult[] = [];
  const time = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings.push({ step, ms: Math.round(performance.now() - t0) });
    }
  };
  const mocks: MockHandle[] = [];
  try {
    const startMock = await loadStartMock();
    const mock = await startMock({
      instance: profile,
      port: 0,
      dir: join(workDir, `mock-${profile}`),
      quiet: true,
    });
    mocks.push(mock);
    const rogue = await startMock({
      instance: 'software',
      port: 0,
      dir: join(workDir, 'mock-rogue'),
      quiet: true,
      seed: false,
      isolatedPki: true,
    });
    mocks.push(rogue);

    const { env: keyEnv, keyIds } = readyMadeKeys(mock);
    // The command may build or test in any language, so every runtime's redirect is set at once.
    const env = (extra: Record<string, string> = {}): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
      for (const lang of ['go', 'python', 'node', 'java'] as MockLang[]) Object.assign(out, mock.env(lang));
      return { ...out, ...keyEnv, ...extra };
    };
    const run = async (dir: string, label: string, extra?: Record<string, string>) => {
      say(`${label}: ${options.command} (in ${dir})`);
      const r = await runCommand('/bin/sh', ['-c', options.command], {
        cwd: dir,
        env: env(extra),
        timeoutMs: COMMAND_TIMEOUT_MS,
        onLine: (l) => say(`${label}: ${l}`),
      });
      writeFileSync(join(workDir, `${label}.stdout.txt`), r.stdout);
      writeFileSync(join(workDir, `${label}.stderr.txt`), r.stderr);
      return r;
    };

    const legacyDir = join(workDir, 'legacy');
    copySample(appDir, legacyDir);
    const legacy = await time('legacy-run', () => run(legacyDir, 'legacy'));
    if (legacy.code !== 0) {
      checks.push({
        id: 'legacy-run',
        status: 'fail',
        message: `the command failed on the unmodified app (exit ${legacy.code}):\n${tailOf(legacy, 10)}`,
      });
      return finish();
    }
    checks.push({
      id: 'legacy-run',
      status: 'pass',
      message: 'the command passed on the unmodified app through the gateway',
    });

    await time('move-keys', async () => {
      await mock.admin.moveKeys(keyIds);
      await mock.admin.closeGateway(keyIds);
      await mock.admin.resetCounts();
    });

    const migratedDir = join(workDir, 'migrated');
    copySample(appDir, migratedDir);
    const migrated = await time('migrate', () =>
      migrate({ paths: [migratedDir], write: true, allowDirty: true }),
    );
    if (migrated.written.length === 0) {
      const why = migrated.unrewritten
        .filter((f) => f.severity === 'error')
        .map((f) => f.message)
        .join('; ');
      checks.push({
        id: 'migrate',
        status: 'fail',
        message: `migrate --write changed nothing${why ? `: ${why}` : ''}`,
      });
      return finish();
    }
    checks.push({ id: 'migrate', status: 'pass', message: `rewrote ${migrated.written.join(', ')}` });
    if (options.hooks?.mutateMigrated) {
      await options.hooks.mutateMigrated(migratedDir);
    }

    const after = await time('migrated-run', () => run(migratedDir, 'migrated'));
    const counts = normalizeCounts(await mock.admin.callCounts());
    checks.push(
      after.code === 0
        ? { id: 'migrated-run', status: 'pass', message: 'the command passed on the migrated app' }
        : {
            id: 'migrated-run',
            status: 'fail',
            message: `the command failed on the migrated app (exit ${after.code}):\n${tailOf(after, 10)}`,
          },
    );
    const leaked = Object.entries(counts.gateway.byAction ?? {}).filter(
      ([a, n]) => n > 0 && isInstanceAction(a),
    );
    checks.push(
      leaked.length > 0
        ? {
            id: 'gateway-calls',
            status: 'fail',
            message: `instance actions still reached the gateway after the move: ${leaked.map(([a, n]) => `${a}×${n}`).join(', ')}`,
          }
        : counts.instance.total === 0
          ? {
              id: 'gateway-calls',
              status: 'fail',
              message:
                'the instance served no call after the move: the command does not exercise KMS, or the app is not using the transfer client',
            }
          : {
              id: 'gateway-calls',
              status: 'pass',
              message: `instance served ${counts.instance.total} call(s), no instance action reached the gateway`,
            },
    );

    await rogue.admin.resetCounts();
    // Through a proxy that can reach the foreign instance (see probe-proxy.ts), so that only TLS can refuse.
    const probe = await startProbeProxy(rogue.instanceEndpoint, mock.proxyUrl);
    const proxied = {
      HTTPS_PROXY: probe.url,
      https_proxy: probe.url,
      HTTP_PROXY: probe.url,
      http_proxy: probe.url,
    };
    const tls = await time('tls-run', () =>
      run(migratedDir, 'tls', { KMS_INSTANCE_ENDPOINT: rogue.instanceEndpoint, ...proxied }),
    ).finally(() => probe.close());
    const rogueCalls = normalizeCounts(await rogue.admin.callCounts()).instance.total;
    checks.push(
      rogueCalls > 0
        ? {
            id: 'tls-verified',
            status: 'fail',
            message: `the migrated app sent ${rogueCalls} request(s) to an instance whose certificate its CA did not sign: TLS verification is off`,
          }
        : tls.code === 0
          ? {
              id: 'tls-verified',
              status: 'fail',
              message:
                'the command passed against a foreign-certificate instance: it never reached the instance',
            }
          : {
              id: 'tls-verified',
              status: 'pass',
              message: 'refused to connect to an instance whose certificate its CA did not sign',
            },
    );
    return finish();
  } catch (err) {
    checks.push({
      id: 'legacy-run',
      status: 'fail',
      message: `verify --run failed: ${(err as Error).message}`,
    });
    return finish();
  } finally {
    for (const m of mocks) await Promise.resolve(m.close()).catch(() => undefined);
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }

  function finish(): VerifyReport & { workDir: string } {
    const result: SampleRunResult = {
      sample: basename(appDir),
      language: languageOfApp(appDir),
      profile,
      ok: checks.every((c) => c.status !== 'fail'),
      checks,
      timings,
      ...(options.keep ? { workDir } : {}),
    };
    return {
      ok: result.ok,
      results: [result],
      toolchains: [],
      problems: [],
      totalMs: Math.round(performance.now() - started),
      workDir,
    };
  }
}

function readyMadeKeys(mock: MockHandle): { env: Record<string, string>; keyIds: string[] } {
  const m = mock as MockHandle & { sampleKeys?: Record<string, unknown>; sampleSecret?: { name?: string } };
  const env: Record<string, string> = {};
  const keyIds: string[] = [];
  for (const [name, variable] of Object.entries(RUN_KEY_ENV)) {
    if (name === 'secretName') continue;
    const key = normalizeCreatedKey(m.sampleKeys?.[name]);
    if (!key) continue;
    env[variable] = key.keyId;
    keyIds.push(key.keyId);
  }
  if (m.sampleSecret?.name) env[RUN_KEY_ENV.secretName] = m.sampleSecret.name;
  return { env, keyIds };
}

/** The app's main language, by its build manifest (only for the report's language column). */
function languageOfApp(dir: string): SampleLang {
  if (existsSync(join(dir, 'pom.xml')) || existsSync(join(dir, 'build.gradle'))) return 'java';
  if (existsSync(join(dir, 'go.mod'))) return 'go';
  if (['requirements.txt', 'pyproject.toml', 'setup.py'].some((f) => existsSync(join(dir, f))))
    return 'python';
  return 'ts';
}
