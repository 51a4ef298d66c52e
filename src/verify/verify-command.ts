import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { migrate } from '../migrate/index.js';
import {
  checkAppLegacy,
  checkAppMigrated,
  checkAppOutputs,
  checkAppReadBack,
  commandName,
} from './app-checks.js';
import { commandEvidence, type PhaseRun, type PhaseRunnerOptions, runPhase } from './app-phase.js';
import { checkGatewayCalls, checkTls, skip } from './checks.js';
import { copySample } from './copy-sample.js';
import {
  callEvidence,
  loadStartMock,
  type MockHandle,
  type MockLang,
  normalizeCounts,
  normalizeCreatedKey,
  oldCiphertextsOf,
} from './mock-api.js';
import { tlsErrorLine } from './output-lines.js';
import type { VerifyHooks } from './prepare-sample.js';
import { startProbeProxy } from './probe-proxy.js';
import { settledTlsRefusals } from './tls-refusals.js';
import type {
  CallEvidence,
  CheckId,
  CheckResult,
  Profile,
  SampleLang,
  SampleRunResult,
  StepTiming,
  VerifyReport,
} from './types.js';

export interface VerifyCommandOptions {
  /** The legacy phase: runs the unmodified app through the shared gateway (it writes what it encrypts). */
  before: string;
  /** The migrated phase: runs the migrated app in the same work directory against the instance (it reads it back). */
  after: string;
  appDir: string;
  profile?: Profile;
  keep?: boolean;
  /** Compare the after phase's standard output, unmodified app vs migrated app (default true). */
  compare?: boolean;
  /** Replaced in both outputs before they are compared (timestamps, ids). */
  normalize?: RegExp[];
  hooks?: VerifyHooks;
  onProgress?: (line: string) => void;
  /** Each line the commands print (`--verbose`); otherwise the output only goes to the logs. */
  onOutput?: (line: string) => void;
}

/** The variables a user's command can read the mock's ready-made keys and secret from. */
export const RUN_KEY_ENV = {
  aes: 'KMS_VERIFY_AES_KEY_ID',
  rsaEncrypt: 'KMS_VERIFY_RSA_ENCRYPT_KEY_ID',
  rsaSign: 'KMS_VERIFY_RSA_SIGN_KEY_ID',
  ecSign: 'KMS_VERIFY_EC_SIGN_KEY_ID',
  secretName: 'KMS_VERIFY_SECRET_NAME',
} as const;

/** The directory every phase runs in (the app's copy, data and all), and which phase it is. */
export const WORK_DIR_ENV = 'KMS_VERIFY_WORK_DIR';
export const PHASE_ENV = 'KMS_VERIFY_PHASE';

/** The checks after the move: skipped, with the reason, when an earlier step failed. */
const AFTER_MOVE: CheckId[] = [
  'migrated-run',
  'results-equal',
  'old-ciphertexts',
  'gateway-calls',
  'tls-verified',
];

interface Mocks {
  mock: MockHandle;
  /** A second instance with its own CA, for the TLS run. */
  rogue: MockHandle;
}

/**
 * `verify --before/--after` on a user's application, as a real move goes: the before command runs the
 * unmodified app through the gateway in a work directory; the keys move and the gateway closes for
 * them; the app is migrated in place and the after command runs it against the instance, reading back
 * what the before phase wrote. The after command also runs on a copy of the unmodified app before the
 * move, so that the two outputs can be compared; and once more against an instance whose certificate
 * the configured CA did not sign.
 */
export async function verifyCommand(
  options: VerifyCommandOptions,
): Promise<VerifyReport & { workDir: string }> {
  const started = performance.now();
  const profile = options.profile ?? 'software';
  const appDir = resolve(options.appDir);
  const workDir = mkdtempSync(join(tmpdir(), 'kms-codemod-verify-run-'));
  const flow = new AppFlow(options, workDir);
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
    await flow.run(appDir, { mock, rogue });
  } catch (err) {
    flow.checks.push({
      id: 'legacy-run',
      status: 'fail',
      message: `verify itself failed: ${(err as Error).message}`,
    });
  } finally {
    for (const m of mocks) await Promise.resolve(m.close()).catch(() => undefined);
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
  const result: SampleRunResult = {
    sample: basename(appDir),
    language: languageOfApp(appDir),
    profile,
    ok: flow.checks.every((c) => c.status !== 'fail'),
    checks: flow.checks,
    timings: flow.timings,
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

/** One profile's run of the two phases and every check, in the order a real move has them. */
class AppFlow {
  readonly checks: CheckResult[] = [];
  readonly timings: StepTiming[] = [];
  private readonly sameCommand: boolean;
  private readonly say: (line: string) => void;

  constructor(
    private readonly options: VerifyCommandOptions,
    private readonly workDir: string,
  ) {
    this.sameCommand = options.before === options.after;
    this.say = options.onProgress ?? (() => {});
  }

  private get ctx() {
    return { sameCommand: this.sameCommand, keep: this.options.keep };
  }

  private async time<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.timings.push({ step, ms: Math.round(performance.now() - t0) });
    }
  }

  private skipRest(why: string): void {
    for (const id of AFTER_MOVE) if (!this.checks.some((c) => c.id === id)) this.checks.push(skip(id, why));
  }

  async run(appDir: string, { mock, rogue }: Mocks): Promise<void> {
    const { env: keyEnv, keyIds } = readyMadeKeys(mock);
    const runner = this.runner(mock, keyEnv);
    const appCopy = join(this.workDir, 'app');
    copySample(appDir, appCopy);

    // 1. Yesterday: the unmodified app writes its data, through the gateway.
    const calls: CallEvidence[] = [];
    await mock.admin.resetCounts();
    const before = await this.time('before-run', () =>
      runPhase(runner, 'before', this.options.before, appCopy, { [PHASE_ENV]: 'before' }),
    );
    calls.push(callEvidence(this.sameCommand ? 'the command' : 'before', await mock.admin.callCounts()));
    // The after command on a copy of the unmodified app and its data: the output to compare with.
    let baseline: PhaseRun | undefined;
    if (before.code === 0 && this.options.compare !== false) {
      await mock.admin.resetCounts();
      const baselineDir = join(this.workDir, 'unmodified-app');
      cpSync(appCopy, baselineDir, { recursive: true });
      baseline = await this.time('after-unmodified-run', () =>
        runPhase(runner, 'after (unmodified app)', this.options.after, baselineDir, { [PHASE_ENV]: 'after' }),
      );
      calls.push(callEvidence('after, on the unmodified app', await mock.admin.callCounts()));
    }
    const legacy = checkAppLegacy(before, baseline, calls, this.ctx);
    this.checks.push(legacy);
    if (legacy.status === 'fail') return this.skipRest('not run: the unmodified app failed');

    // 2. The move: the keys go into the instance and the gateway closes for them.
    await this.time('move-keys', async () => {
      await mock.admin.moveKeys(keyIds, { withoutMaterial: this.options.hooks?.dropKeyMaterial });
      await mock.admin.closeGateway(keyIds);
      await mock.admin.resetCounts();
    });

    // 3. Today: the same directory, migrated in place; the after command reads yesterday's data back.
    if (!(await this.migrate(appCopy))) return this.skipRest('not run: migrate did not rewrite the app');
    const after = await this.time('after-run', () =>
      runPhase(runner, 'after', this.options.after, appCopy, { [PHASE_ENV]: 'after' }),
    );
    const counts = normalizeCounts(await mock.admin.callCounts());
    this.checks.push(
      checkAppMigrated(after, this.ctx),
      checkAppOutputs(baseline, after, this.options.normalize ?? [], this.ctx),
      checkAppReadBack(after, oldCiphertextsOf(mock), this.ctx),
      checkGatewayCalls(counts.gateway, counts.instance, { actions: [] }, 'the migrated app'),
    );
    this.checks.push(await this.time('tls-run', () => this.tlsRun(runner, appCopy, mock, rogue)));
  }

  private runner(mock: MockHandle, keyEnv: Record<string, string>): PhaseRunnerOptions {
    return {
      logDir: join(this.workDir, 'logs'),
      say: this.say,
      onOutput: this.options.onOutput,
      // The command may build or run in any language, so every runtime's redirect is set at once.
      env: (cwd, extra) => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
        for (const lang of ['go', 'python', 'node', 'java'] as MockLang[]) Object.assign(out, mock.env(lang));
        return { ...out, ...keyEnv, [WORK_DIR_ENV]: cwd, ...extra };
      },
    };
  }

  private async migrate(dir: string): Promise<boolean> {
    this.say(`migrate --write ${dir}`);
    const migrated = await this.time('migrate', () =>
      migrate({ paths: [dir], write: true, allowDirty: true }),
    );
    if (migrated.written.length === 0) {
      const why = migrated.unrewritten
        .filter((f) => f.severity === 'error')
        .map((f) => f.message)
        .join('; ');
      this.checks.push({
        id: 'migrate',
        status: 'fail',
        message: `migrate --write changed nothing${why ? `: ${why}` : ': no legacy KMS client found'}`,
      });
      return false;
    }
    const files = migrated.written.map((f) => (f.startsWith(dir) ? f.slice(dir.length + 1) : f));
    this.checks.push({ id: 'migrate', status: 'pass', message: `rewrote ${files.join(', ')}` });
    await this.options.hooks?.mutateMigrated?.(dir);
    return true;
  }

  /** The after command against an instance whose certificate the configured CA did not sign. */
  private async tlsRun(runner: PhaseRunnerOptions, dir: string, mock: MockHandle, rogue: MockHandle) {
    await rogue.admin.resetCounts();
    // Through a proxy that can reach the foreign instance (see probe-proxy.ts), so that only TLS can refuse.
    const probe = await startProbeProxy(rogue.instanceEndpoint, mock.proxyUrl);
    const proxied = {
      HTTPS_PROXY: probe.url,
      https_proxy: probe.url,
      HTTP_PROXY: probe.url,
      http_proxy: probe.url,
    };
    const tls = await runPhase(
      { ...runner, say: (l) => this.say(`${l} (against a foreign-certificate instance: expected to fail)`) },
      'tls',
      this.options.after,
      dir,
      { [PHASE_ENV]: 'after', KMS_INSTANCE_ENDPOINT: rogue.instanceEndpoint, ...proxied },
    ).finally(() => probe.close());
    const requests = normalizeCounts(await rogue.admin.callCounts()).instance;
    const attempt = {
      who: commandName(tls, this.sameCommand),
      command: commandEvidence(tls, { withOutput: false, keep: this.options.keep }),
      succeeded: tls.code === 0,
      error: tlsErrorLine(tls.stderr, tls.stdout),
      foreignInstance: rogue.instanceEndpoint,
    };
    const check = checkTls(attempt, requests, await settledTlsRefusals(rogue));
    // The expected failure stays in the log; only a failed check shows the run's output.
    if (check.status === 'fail' && check.evidence?.commands)
      check.evidence.commands = [commandEvidence(tls, { withOutput: true, keep: this.options.keep })];
    return check;
  }
}

function readyMadeKeys(mock: MockHandle): { env: Record<string, string>; keyIds: string[] } {
  const env: Record<string, string> = {};
  const keyIds: string[] = [];
  for (const [name, variable] of Object.entries(RUN_KEY_ENV)) {
    if (name === 'secretName') continue;
    const key = normalizeCreatedKey(mock.sampleKeys?.[name as keyof MockHandle['sampleKeys']]);
    if (!key) continue;
    env[variable] = key.keyId;
    keyIds.push(key.keyId);
  }
  if (mock.sampleSecret?.name) env[RUN_KEY_ENV.secretName] = mock.sampleSecret.name;
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
