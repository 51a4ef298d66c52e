import { join } from 'node:path';
import { migrate } from '../migrate/index.js';
import { scan } from '../scan/index.js';
import type { ScanVerdict } from './checks.js';
import { copySample } from './copy-sample.js';
import type { BuildOutcome, LanguageRunner } from './runners/index.js';
import type { CheckResult, Sample, StepTiming } from './types.js';

export interface VerifyHooks {
  /** Changes the migrated copy after `migrate --write` and before it is built (mutation tests). */
  mutateMigrated?: (dir: string, sample?: Sample) => void | Promise<void>;
  /** Moves the keys without their material (mutation tests): old ciphertexts must then fail to open. */
  dropKeyMaterial?: boolean;
}

/** Everything about a sample that does not depend on the instance profile: copies, builds, migrate, scan. */
export interface PreparedSample {
  sample: Sample;
  legacyDir: string;
  migratedDir: string;
  legacy: BuildOutcome;
  migrated: BuildOutcome;
  migrateCheck: CheckResult;
  scanVerdict?: ScanVerdict;
  scanProblem?: string;
  timings: StepTiming[];
}

async function timed<T>(timings: StepTiming[], step: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings.push({ step, ms: Math.round(performance.now() - t0) });
  }
}

export async function prepareSample(
  sample: Sample,
  runner: LanguageRunner,
  workDir: string,
  buildCacheDir: string,
  hooks: VerifyHooks,
  onProgress?: (line: string) => void,
): Promise<PreparedSample> {
  const timings: StepTiming[] = [];
  const base = join(workDir, sample.id.replace('/', '-'));
  const legacyDir = join(base, 'legacy');
  const migratedDir = join(base, 'migrated');
  copySample(sample.dir, legacyDir);
  copySample(sample.dir, migratedDir);

  let scanVerdict: ScanVerdict | undefined;
  let scanProblem: string | undefined;
  await timed(timings, 'scan', async () => {
    try {
      const result = await scan({ paths: [legacyDir] });
      const app = result.apps[0];
      if (app) scanVerdict = { verdict: app.verdict, reasons: app.reasons };
    } catch (err) {
      scanProblem = `scan failed on ${legacyDir}: ${(err as Error).message}`;
    }
  });

  const migrateCheck: CheckResult = await timed(timings, 'migrate', async () => {
    try {
      const result = await migrate({
        paths: [migratedDir],
        write: true,
        allowDirty: true,
        force: !!sample.manifest.blocked,
      });
      const errors = result.unrewritten.filter((f) => f.severity === 'error');
      if (result.written.length === 0) {
        const why = errors.map((f) => f.message).join('; ') || 'no legacy client was rewritten';
        return {
          id: 'migrate',
          status: 'fail',
          message: `migrate --write changed nothing in the copy: ${why}`,
        } as CheckResult;
      }
      const notes = errors.length
        ? `; ${errors.length} error note(s): ${errors.map((f) => f.message).join('; ')}`
        : '';
      return {
        id: 'migrate',
        status: errors.length ? 'fail' : 'pass',
        message: `rewrote ${result.written.join(', ')}${notes}`,
      } as CheckResult;
    } catch (err) {
      return {
        id: 'migrate',
        status: 'fail',
        message: `migrate threw on ${migratedDir}: ${(err as Error).message}`,
      } as CheckResult;
    }
  });
  if (hooks.mutateMigrated) await hooks.mutateMigrated(migratedDir, sample);

  const ctx = (dir: string) => ({ dir, manifest: sample.manifest, buildCacheDir, onProgress });
  const legacy = await timed(timings, 'build-legacy', () => runner.build(ctx(legacyDir)));
  const migrated =
    migrateCheck.status === 'pass' || migrateCheck.message.startsWith('rewrote')
      ? await timed(timings, 'build-migrated', () => runner.build(ctx(migratedDir)))
      : ({ ok: false, message: 'not built: migrate did not rewrite the copy' } as BuildOutcome);
  return {
    sample,
    legacyDir,
    migratedDir,
    legacy,
    migrated,
    migrateCheck,
    scanVerdict,
    scanProblem,
    timings,
  };
}
