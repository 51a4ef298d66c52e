import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledSamplesDir, packageRoot } from '../../src/verify/package-root.js';
import { skipOrFail } from '../support/gate.js';

const main = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const cli = (args: string[]) =>
  spawnSync(process.execPath, [main, 'verify', ...args], { encoding: 'utf8', timeout: 10 * 60_000 });

// The built CLI (npm test builds first); the TS samples need the built transfer client anyway.
// Without it each test is skipped with the reason, or fails under CI.
describe('kms-codemod verify (CLI)', () => {
  beforeEach((ctx) => {
    if (!existsSync(main)) skipOrFail(ctx, `${main} is not built; run \`npm run build\``);
  });

  it('rejects an unknown language as a usage error (exit 2)', () => {
    const r = cli(['--lang', 'cobol']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected a comma-separated list of java, python, go, ts');
  });

  it('reports a directory without sample.json and exits 1', () => {
    const r = cli([packageRoot(), '--format', 'json', '--quiet']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toContain('sample.json');
  });

  it('verifies one sample on one profile and prints a JSON report', { timeout: 10 * 60_000 }, () => {
    const r = cli([
      join(bundledSamplesDir(), 'ts', 'secret'),
      '--instance',
      'software',
      '--format',
      'json',
      '--quiet',
    ]);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      tool: { name: string };
      results: {
        sample: string;
        profile: string;
        checks: { id: string; status: string; message: string }[];
        timings: { step: string }[];
      }[];
    };
    expect(report.tool.name).toBe('kms-codemod');
    expect(report.results).toHaveLength(1);
    const [result] = report.results;
    expect(result.sample).toBe('ts/secret');
    expect(result.profile).toBe('software');
    const failedChecks = result.checks.filter((c) => c.status === 'fail');
    expect(failedChecks, JSON.stringify(failedChecks)).toEqual([]);
    expect(result.timings.map((t) => t.step)).toEqual(
      expect.arrayContaining(['legacy-run', 'migrated-run', 'tls-run']),
    );
    expect(r.status).toBe(0);
    // The secret's value is compared, never printed.
    expect(r.stdout).not.toMatch(/s3cr3t-[0-9a-f]{16}/);
  });
});
