import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCommand, tailOf } from '../toolchains/run-command.js';
import {
  checkBlockedCall,
  checkGatewayCalls,
  checkLegacyRun,
  checkMigratedRun,
  checkOldCiphertexts,
  checkResultsEqual,
  checkScanVerdict,
  checkTls,
  type RunOutcome,
  skip,
  succeeded,
  tlsAttemptOfSample,
} from './checks.js';
import {
  callEvidence,
  type MockHandle,
  type MockLang,
  normalizeCounts,
  normalizeCreatedKey,
  oldCiphertextsOf,
} from './mock-api.js';
import { linesThatMatter } from './output-lines.js';
import type { PreparedSample, VerifyHooks } from './prepare-sample.js';
import { startProbeProxy } from './probe-proxy.js';
import { writeRunLog } from './run-log.js';
import type { Program } from './runners/index.js';
import { settledTlsRefusals } from './tls-refusals.js';
import { parseTranscript } from './transcript.js';
import type { CheckResult, Profile, SampleLang, SampleRunResult, StepTiming } from './types.js';

/** The checks that need the migrated copy to run: skipped, with the reason, when an earlier step failed. */
const AFTER_MIGRATION = [
  'migrated-run',
  'results-equal',
  'old-ciphertexts',
  'gateway-calls',
  'blocked-call',
  'tls-verified',
] as const;

const RUN_TIMEOUT_MS = 120_000;

export interface ProfileContext {
  profile: Profile;
  mock: MockHandle;
  /** A second mock with its own PKI: the TLS check points the migrated sample at it. */
  rogue: MockHandle;
  /** Toolchain environment of the sample's language. */
  toolEnv: Record<string, string>;
  workDir: string;
  /** TLS results by sample id, shared between the profiles. */
  tlsChecks: Map<string, Promise<{ check: CheckResult; profile: Profile }>>;
  hooks?: VerifyHooks;
  /** The work directory is kept: evidence may point at the logs. */
  keep?: boolean;
  /** Each output line of each run (`--verbose`); otherwise the output only goes to the logs. */
  onOutput?: (line: string) => void;
}

export function mockLangOf(lang: SampleLang): MockLang {
  return lang === 'ts' ? 'node' : lang;
}

/** `python main.py`, `java Main`, `app`: the program as a reader would name it, without paths or classpaths. */
function programName(program: Program): string {
  const args = program.args.filter((a) => !a.startsWith('-') && !a.includes('/') && a.length < 60);
  return [basename(program.command), ...args].join(' ');
}

interface RunLabel {
  /** `legacy`, `migrated`, `tls`: also the log file's name. */
  run: string;
  /** `<sample id> [<profile>]`, prefixed to each line under --verbose. */
  where: string;
}

async function runProgram(
  program: Program,
  env: Record<string, string>,
  dir: string,
  label: RunLabel,
  ctx: Pick<ProfileContext, 'keep' | 'onOutput'>,
): Promise<RunOutcome> {
  const onOutput = ctx.onOutput;
  const r = await runCommand(program.command, program.args, {
    cwd: program.cwd,
    env,
    timeoutMs: RUN_TIMEOUT_MS,
    onLine: onOutput ? (line) => onOutput(`${label.where} ${label.run}: ${line}`) : undefined,
  });
  const log = join(dir, `${label.run}.log`);
  writeRunLog(log, [program.command, ...program.args].join(' '), r);
  const parsed = parseTranscript(r.stdout);
  const outcome: RunOutcome = parsed.ok
    ? { exitCode: r.code, transcript: parsed.transcript }
    : { exitCode: r.code, problem: `${parsed.problem}; exit code ${r.code}; output tail:\n${tailOf(r, 8)}` };
  outcome.command = {
    run: label.run,
    command: programName(program),
    exitCode: r.code,
    ...(succeeded(outcome) ? {} : { output: linesThatMatter(r.stdout, r.stderr) }),
    ...(ctx.keep ? { log } : {}),
  };
  return outcome;
}

/** Legacy run, key move, migrated run, TLS run and every check, for one sample on one instance profile. */
export async function runOnProfile(prep: PreparedSample, ctx: ProfileContext): Promise<SampleRunResult> {
  const { sample } = prep;
  const m = sample.manifest;
  const timings: StepTiming[] = [...prep.timings];
  const checks: CheckResult[] = [];
  const dir = join(ctx.workDir, sample.id.replace('/', '-'), ctx.profile);
  mkdirSync(dir, { recursive: true });
  const time = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings.push({ step, ms: Math.round(performance.now() - t0) });
    }
  };
  const finish = (): SampleRunResult => {
    const ok = checks.every((c) => c.status !== 'fail');
    return {
      sample: sample.id,
      language: m.language,
      profile: ctx.profile,
      ok,
      checks,
      timings,
      workDir: dir,
    };
  };

  // Keys and secrets of this sample, fresh in the default instance.
  const sampleEnv: Record<string, string> = { ALIBABA_CLOUD_REGION_ID: ctx.mock.region };
  const keyIds: string[] = [];
  for (const key of m.keys) {
    const created = normalizeCreatedKey(
      await ctx.mock.admin.createKey({
        keySpec: key.spec,
        keyUsage: key.usage,
      }),
    );
    if (!created) {
      checks.push({
        id: 'legacy-run',
        status: 'fail',
        message: `the mock's createKey(${key.spec}) returned no key id`,
      });
      return finish();
    }
    keyIds.push(created.keyId);
    sampleEnv[key.env] = created.keyId;
    if (key.versionEnv && created.keyVersionId) sampleEnv[key.versionEnv] = created.keyVersionId;
  }
  for (const secret of m.secrets) {
    const name = `${secret.name}-${m.language}-${m.name}`;
    // A throw-away value per run: nothing real, and never printed by the report.
    await ctx.mock.admin.createSecret(name, `s3cr3t-${randomBytes(8).toString('hex')}`);
    sampleEnv[secret.env] = name;
  }

  const lang = mockLangOf(m.language);
  const envFor = (program: Program, extra: Record<string, string> = {}): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && k !== 'KMS_SAMPLE_REPLAY') env[k] = v;
    return { ...env, ...ctx.toolEnv, ...program.env, ...ctx.mock.env(lang), ...sampleEnv, ...extra };
  };

  checks.push(
    prep.scanVerdict || !prep.scanProblem
      ? checkScanVerdict(prep.scanVerdict, m)
      : { id: 'scan-verdict', status: 'fail', message: prep.scanProblem },
  );
  if (!prep.legacy.ok) {
    checks.push({
      id: 'build',
      status: 'fail',
      message: `the legacy sample did not build: ${prep.legacy.message}`,
    });
    return finish();
  }
  const legacyProgram = prep.legacy.program;
  const where = `${sample.id} [${ctx.profile}]`;
  await ctx.mock.admin.resetCounts();
  const legacy = await time('legacy-run', () =>
    runProgram(legacyProgram, envFor(legacyProgram), dir, { run: 'legacy', where }, ctx),
  );
  checks.unshift(checkLegacyRun(legacy, callEvidence('before the move', await ctx.mock.admin.callCounts())));
  if (!legacy.transcript || checks[0].status === 'fail') {
    for (const id of AFTER_MIGRATION) checks.push(skip(id, 'not run: the legacy run failed'));
    checks.push(prep.migrateCheck);
    return finish();
  }

  await time('move-keys', async () => {
    if (keyIds.length > 0) {
      await ctx.mock.admin.moveKeys(keyIds, { withoutMaterial: ctx.hooks?.dropKeyMaterial });
      await ctx.mock.admin.closeGateway(keyIds);
    }
    await ctx.mock.admin.resetCounts();
  });

  checks.push(prep.migrateCheck);
  if (!prep.migrated.ok) {
    checks.push({
      id: 'build',
      status: 'fail',
      message: `the migrated copy did not build: ${prep.migrated.message}`,
    });
    for (const id of AFTER_MIGRATION) checks.push(skip(id, 'not run: the migrated copy did not build'));
    return finish();
  }
  checks.push({
    id: 'build',
    status: 'pass',
    message: `legacy and migrated copies built${prep.migrated.cached ? ' (cached)' : ''}`,
  });
  const program = prep.migrated.program;

  const replayFile = join(dir, 'replay.json');
  writeFileSync(replayFile, JSON.stringify(legacy.transcript.carry));
  const migrated = await time('migrated-run', () =>
    runProgram(
      program,
      envFor(program, { KMS_SAMPLE_REPLAY: replayFile }),
      dir,
      { run: 'migrated', where },
      ctx,
    ),
  );
  const ledger = oldCiphertextsOf(ctx.mock);
  const counts = normalizeCounts(await ctx.mock.admin.callCounts());
  writeFileSync(join(dir, 'call-counts.json'), JSON.stringify(counts, null, 2));

  checks.push(checkMigratedRun(migrated, m));
  checks.push(checkResultsEqual(legacy.transcript, migrated.transcript, m));
  checks.push(checkOldCiphertexts(legacy.transcript, migrated.transcript, ledger));
  checks.push(checkGatewayCalls(counts.gateway, counts.instance, m));
  checks.push(checkBlockedCall(migrated, m));

  // The TLS run does not depend on the profile (same program, same foreign instance): once per sample.
  let tlsRun = ctx.tlsChecks.get(sample.id);
  const first = !tlsRun;
  if (!tlsRun) {
    // The lane's foreign instance serves only this lane, one sample at a time: its count is this sample's.
    tlsRun = time('tls-run', async () => {
      await ctx.rogue.admin.resetCounts();
      const probe = await startProbeProxy(
        ctx.rogue.instanceEndpoint,
        ctx.mock.env(lang).HTTPS_PROXY ?? ctx.mock.proxyUrl,
      );
      const proxied = {
        HTTPS_PROXY: probe.url,
        https_proxy: probe.url,
        HTTP_PROXY: probe.url,
        http_proxy: probe.url,
      };
      try {
        const env = envFor(program, {
          KMS_SAMPLE_REPLAY: replayFile,
          KMS_INSTANCE_ENDPOINT: ctx.rogue.instanceEndpoint,
          ...proxied,
        });
        const tls = await runProgram(program, env, dir, { run: 'tls', where }, ctx);
        const attempt = tlsAttemptOfSample(
          tls,
          tls.command ?? { run: 'tls', command: programName(program), exitCode: tls.exitCode },
          ctx.rogue.instanceEndpoint,
        );
        const refused = await settledTlsRefusals(ctx.rogue);
        return {
          check: checkTls(attempt, normalizeCounts(await ctx.rogue.admin.callCounts()).instance, refused),
          profile: ctx.profile,
        };
      } finally {
        await probe.close();
      }
    });
    ctx.tlsChecks.set(sample.id, tlsRun);
  }
  const tls = await tlsRun;
  checks.push(
    first
      ? tls.check
      : {
          ...tls.check,
          message: `${tls.check.message} (run once per sample, with the ${tls.profile} mock's environment)`,
        },
  );
  return finish();
}
