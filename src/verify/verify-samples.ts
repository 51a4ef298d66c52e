import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultCacheDir, inCI } from '../toolchains/index.js';
import { limit } from './limit.js';
import { loadStartMock, type MockHandle } from './mock-api.js';
import { type PreparedSample, prepareSample, type VerifyHooks } from './prepare-sample.js';
import { runOnProfile } from './run-on-profile.js';
import { type RunnerResult, runnerFor } from './runners/index.js';
import { findSamples } from './samples.js';
import {
  type CheckResult,
  PROFILES,
  type Profile,
  type Sample,
  type SampleLang,
  type SampleRunResult,
  type ToolchainStatus,
  type VerifyReport,
} from './types.js';

export interface VerifyOptions {
  /** Sample directories; none = every bundled sample. */
  dirs?: string[];
  profiles?: Profile[];
  langs?: SampleLang[];
  /** Keep the work directory (copies, builds, logs, transcripts) and say where it is. */
  keep?: boolean;
  cacheDir?: string;
  /** A missing toolchain fails the run (default: on CI, CI=true). */
  strictToolchains?: boolean;
  /** Samples prepared (copied, migrated, built) at once. */
  concurrency?: number;
  /** Mocks per profile, each running one sample at a time (default 2). */
  lanes?: number;
  hooks?: VerifyHooks;
  onProgress?: (line: string) => void;
  /** Each output line of each sample run (`--verbose`); otherwise the output only goes to the logs. */
  onOutput?: (line: string) => void;
}

/**
 * The whole matrix: every sample on every profile. One mock per profile runs its samples one after
 * the other (call counts are per mock); the profiles run side by side, and builds are shared between
 * them, so each sample is copied, migrated and compiled once.
 */
export async function verifySamples(
  options: VerifyOptions = {},
): Promise<VerifyReport & { workDir: string }> {
  const started = performance.now();
  const say = options.onProgress ?? (() => {});
  const profiles = options.profiles?.length ? options.profiles : [...PROFILES];
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const strict = options.strictToolchains ?? inCI();
  const found = findSamples(options.dirs ?? [], options.langs);
  const problems = [...found.problems];
  const workDir = mkdtempSync(join(tmpdir(), 'kms-codemod-verify-'));
  const buildCacheDir = join(cacheDir, 'verify-builds');
  mkdirSync(buildCacheDir, { recursive: true });

  const langs = [...new Set(found.samples.map((s) => s.manifest.language))];
  const runners = new Map<SampleLang, RunnerResult>();
  await Promise.all(
    langs.map(async (lang) => {
      runners.set(lang, await runnerFor(lang, cacheDir, (line) => say(line)));
    }),
  );
  const toolchains: ToolchainStatus[] = langs.map((language) => {
    const r = runners.get(language);
    return r?.ok ? { language, ok: true } : { language, ok: false, reason: r?.reason ?? 'not set up' };
  });
  for (const t of toolchains) if (!t.ok) problems.push(`${t.language} samples not run: ${t.reason}`);
  const runnable = found.samples.filter((s) => runners.get(s.manifest.language)?.ok);

  const results: SampleRunResult[] = [];
  const mocks: MockHandle[] = [];
  try {
    if (runnable.length > 0) {
      const startMock = await loadStartMock();
      const start = async (profile: Profile, name: string, isolatedPki = false) => {
        // A directory per run: concurrent verify runs must not share client key files. The shared
        // PKI stays cached by the mock itself; only the rogue makes a CA of its own (under `dir`).
        const handle = await startMock({
          instance: profile,
          port: 0,
          dir: join(workDir, name),
          quiet: true,
          seed: false,
          isolatedPki,
        });
        mocks.push(handle);
        return handle;
      };
      // Several mocks ("lanes") per profile: a lane runs one sample at a time, so each mock's call
      // counts belong to one sample, while the lanes overlap one sample's waits with another's work.
      const lanes = Math.max(1, options.lanes ?? 2);
      // Each lane also has its own foreign-PKI mock for the TLS run, whose count is then that sample's alone.
      const byProfile = new Map<Profile, { mock: MockHandle; rogue: MockHandle }[]>();
      for (const p of profiles) {
        const lane = async (i: number) => ({
          mock: await start(p, `mock-${p}-${i}`),
          rogue: await start('software', `mock-rogue-${p}-${i}`, true),
        });
        byProfile.set(p, await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i))));
      }

      const tlsChecks = new Map<string, Promise<{ check: CheckResult; profile: Profile }>>();
      const prepLimit = limit(Math.max(1, options.concurrency ?? 2));
      const prepared = new Map<string, Promise<PreparedSample>>();
      const prepare = (s: Sample): Promise<PreparedSample> => {
        let p = prepared.get(s.id);
        if (!p) {
          const r = runners.get(s.manifest.language);
          if (!r?.ok) throw new Error(`no runner for ${s.id}`);
          p = prepLimit(() => {
            say(`prepare ${s.id}`);
            return prepareSample(s, r.runner, workDir, buildCacheDir, options.hooks ?? {}, say);
          });
          prepared.set(s.id, p);
        }
        return p;
      };
      for (const s of runnable) void prepare(s).catch(() => undefined);

      await Promise.all(
        profiles.flatMap((profile) => {
          let next = 0;
          return (byProfile.get(profile) ?? []).map(async ({ mock, rogue }) => {
            while (next < runnable.length) {
              const s = runnable[next++];
              const r = runners.get(s.manifest.language);
              const result = await prepare(s)
                .then((prep) => {
                  say(`run ${s.id} on ${profile}`);
                  return runOnProfile(prep, {
                    profile,
                    mock,
                    rogue,
                    toolEnv: r?.ok ? r.env : {},
                    workDir,
                    tlsChecks,
                    hooks: options.hooks,
                    keep: options.keep,
                    onOutput: options.onOutput,
                  });
                })
                .catch(
                  (err: unknown): SampleRunResult => ({
                    sample: s.id,
                    language: s.manifest.language,
                    profile,
                    ok: false,
                    checks: [
                      {
                        id: 'legacy-run',
                        status: 'fail',
                        message: `verify itself failed on ${s.dir}: ${(err as Error).message}`,
                      },
                    ],
                    timings: [],
                  }),
                );
              results.push(result);
            }
          });
        }),
      );
    }
  } finally {
    for (const m of mocks) await Promise.resolve(m.close()).catch(() => undefined);
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }

  results.sort((a, b) => a.sample.localeCompare(b.sample) || a.profile.localeCompare(b.profile));
  if (!options.keep) for (const r of results) delete r.workDir;
  const toolchainFailed = strict && toolchains.some((t) => !t.ok);
  const ok =
    results.every((r) => r.ok) &&
    !toolchainFailed &&
    found.problems.length === 0 &&
    (results.length > 0 || problems.length === 0);
  return { ok, results, toolchains, problems, totalMs: Math.round(performance.now() - started), workDir };
}
