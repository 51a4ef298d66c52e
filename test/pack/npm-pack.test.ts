import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'kms-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('npm pack', () => {
  it('the tarball runs `scan DIR` through npx in an empty directory', () => {
    // Build first (prepack would too); then pack without scripts so a concurrent build cannot race us.
    sh('npm', ['run', '--silent', 'build'], repo);
    expect(
      existsSync(join(repo, 'dist/src/cli/main.js')),
      'dist/src/cli/main.js missing after `npm run build`',
    ).toBe(true);
    const packDir = join(work, 'pack');
    mkdirSync(packDir);
    const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], repo);
    expect(pack.code, pack.stderr).toBe(0);
    const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    expect(tgz).toMatch(/^kms-codemod-\d+\.\d+\.\d+\.tgz$/);

    const empty = join(work, 'empty');
    mkdirSync(empty);
    cpSync(join(packDir, tgz as string), join(empty, tgz as string));
    const target = join(work, 'app');
    cpSync(join(repo, 'fixtures/rules/legacy-kms-client/typescript/positive-esm-default'), target, {
      recursive: true,
    });
    cpSync(
      join(repo, 'fixtures/rules/blocked-kms-api/javascript/positive-generate-and-export'),
      join(target, 'jobs'),
      { recursive: true },
    );
    rmSync(join(target, 'expect.json'), { force: true });
    rmSync(join(target, 'jobs', 'expect.json'), { force: true });

    const cache = join(work, 'npm-cache');
    const run = sh(
      'npx',
      [
        '--yes',
        '--cache',
        cache,
        `./${tgz}`,
        'scan',
        target,
        '--format',
        'json',
        '--output',
        join(work, 'out.json'),
      ],
      empty,
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1); // the blocked call is an error finding
    expect(
      existsSync(join(work, 'out.json')),
      `no report written:\n${run.stdout}\n${run.stderr.slice(-3000)}`,
    ).toBe(true);
    const report = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
    expect(report.tool.name).toBe('kms-codemod');
    const got = report.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    expect(got).toContain('legacy-kms-client src/kms.ts');
    expect(got).toContain('blocked-kms-api jobs/app.js');
    // The installed package's library API, with worker threads forced on, gives the same findings as in-process.
    const npx = join(cache, '_npx');
    const installed = readdirSync(npx)
      .map((d) => join(npx, d, 'node_modules/kms-codemod/dist/src/index.js'))
      .find((p) => existsSync(p));
    expect(installed, 'installed kms-codemod not found in the npx cache').toBeDefined();
    const script = `const m = await import(${JSON.stringify(installed)});
const a = await m.scan({ paths: [${JSON.stringify(target)}], workers: 0 });
const b = await m.scan({ paths: [${JSON.stringify(target)}], workers: 2 });
const samples = ${JSON.stringify(join(repo, 'fixtures/samples'))};
const shown = (r) => JSON.stringify(r.changes.map((c) => [c.file, c.after]));
const c = await m.migrate({ paths: [samples], workers: 0 });
const d = await m.migrate({ paths: [samples], workers: 2 });
console.log(JSON.stringify({ same: JSON.stringify(a.findings) === JSON.stringify(b.findings), n: a.findings.length, workers: b.stats.workers, nPool: b.findings.length, skippedPool: b.skipped, sameMigrate: shown(c) === shown(d), changes: c.changes.length }));`;
    const lib = sh(process.execPath, ['--input-type=module', '-e', script], work);
    expect(lib.code, lib.stderr).toBe(0);
    const pool = JSON.parse(lib.stdout);
    expect({ same: pool.same, n: pool.n, workers: pool.workers }, lib.stdout).toEqual({
      same: true,
      n: report.findings.length,
      workers: 2,
    });
    // migrate's rewrites on the scan's warm workers give exactly the in-process plan (dry run).
    expect(pool.sameMigrate, lib.stdout).toBe(true);
    expect(pool.changes).toBeGreaterThan(20);
    // Rule docs ship with the package (SARIF help points at them).
    const list = sh('tar', ['-tzf', join(packDir, tgz as string)], work).stdout;
    expect(list).toContain('package/dist/src/rules/blocked-kms-api/README.md');
  }, 900_000);
});
