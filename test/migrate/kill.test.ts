import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, recoverDir } from '../../src/migrate/index.js';
import { writeLegacyTree } from './support/legacy-tree.js';
import { type Snapshot, snapshot, wholly } from './support/tree-snapshot.js';

// Issue 13, point 2: a `migrate --write` killed with SIGKILL at any moment leaves each application
// wholly old or wholly new once the next run has recovered it. The kills land at random points (fixed
// seed) of each phase of a large run: the scan, the preparation (journals, temp files, backups) and
// the renames after the commit marker.

const CLI = join(import.meta.dirname, '../../dist/src/cli/main.js');
const APPS = 16;
const FILES = 6;
const KILLS = 9;

/** Mulberry32: a small seeded generator, so every run of the suite kills at the same points. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startMigrate(cwd: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'migrate', '--write', '.'], {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, KMS_CODEMOD_NO_CODE_CACHE: '1' },
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the first application directory shows: a journal (prepared), and then the commit marker. */
function phaseOn(dir: string): 'none' | 'prepared' | 'committed' {
  const names = readdirSync(dir);
  if (names.some((n) => /^\.kms-codemod-commit-[\w-]+\.json$/.test(n))) return 'committed';
  return names.includes(JOURNAL_FILE) ? 'prepared' : 'none';
}

/** Busy-waits (the child runs on its own core) until `dir` shows `phase`, or the child has exited. */
async function waitFor(child: ChildProcess, dir: string, phase: 'prepared' | 'committed'): Promise<number> {
  const start = performance.now();
  while (child.exitCode === null && child.signalCode === null) {
    const now = phaseOn(dir);
    if (now === phase || (phase === 'prepared' && now === 'committed')) return performance.now() - start;
    // Yield now and then, so that the child's exit event can be seen.
    if (performance.now() - start > 5) await new Promise((r) => setImmediate(r));
  }
  return -1;
}

describe('migrate --write killed with SIGKILL at random points', () => {
  let root: string;
  let pristine: string;
  let before: Snapshot;
  let after: Snapshot;
  let apps: string[];
  /** Measured on one full run: how long the preparation and the renames last. */
  const span = { prepare: 0, commit: 0 };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kms-kill-'));
    pristine = join(root, 'pristine');
    apps = writeLegacyTree(pristine, APPS, FILES);
    before = snapshot(pristine);
    const full = join(root, 'full');
    cpSync(pristine, full, { recursive: true });
    const child = startMigrate(full);
    const first = join(full, apps[0]);
    span.prepare = await waitFor(child, first, 'prepared');
    const t = performance.now();
    await waitFor(child, first, 'committed');
    span.prepare = performance.now() - t;
    const c = performance.now();
    await exited(child);
    span.commit = performance.now() - c;
    expect(child.exitCode).toBe(0);
    after = snapshot(full);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`each of ${APPS} applications is wholly old or wholly new after ${KILLS} kills and recovery`, async () => {
    const random = rng(13);
    const seen: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const work = join(root, `run${k}`);
      cpSync(pristine, work, { recursive: true });
      const child = startMigrate(work);
      const first = join(work, apps[0]);
      // A third of the kills in each phase; within it, at a random instant.
      const target = (['anywhere', 'prepared', 'committed'] as const)[k % 3];
      if (target === 'anywhere') await sleep(random() * 1500);
      else if ((await waitFor(child, first, target)) >= 0) {
        const spin = performance.now() + random() * (target === 'prepared' ? span.prepare : span.commit);
        while (performance.now() < spin) {
          // the delay is shorter than a timer's resolution: spin
        }
      }
      child.kill('SIGKILL');
      await exited(child);
      seen.push(`${target}:${phaseOn(first)}`);

      // The next run's recovery, application by application.
      for (const app of apps) {
        const r = recoverDir(join(work, app));
        expect(r?.problems ?? []).toEqual([]);
      }
      const now = snapshot(work);
      expect([...now.keys()].filter((f) => f.includes('kms-codemod'))).toEqual([]);
      for (const app of apps)
        expect(wholly(app, now, before, after), `kill ${k} (${seen[k]}): ${app} is half migrated`).toBe(true);
      rmSync(work, { recursive: true, force: true });
    }
    // The kills did land in the write: some with only journals, some after the commit.
    expect(seen.some((s) => s.endsWith(':prepared'))).toBe(true);
    expect(seen.some((s) => s.endsWith(':committed'))).toBe(true);
  }, 600_000);

  it('the next migrate --write finishes a killed run and every application ends migrated', async () => {
    const work = join(root, 'next');
    cpSync(pristine, work, { recursive: true });
    const child = startMigrate(work);
    await waitFor(child, join(work, apps[0]), 'committed');
    child.kill('SIGKILL');
    await exited(child);
    const next = startMigrate(work);
    await exited(next);
    expect(next.exitCode).toBe(0);
    const now = snapshot(work);
    for (const [f, bytes] of after) expect(now.get(f)?.equals(bytes), f).toBe(true);
    expect(existsSync(join(work, apps[0], JOURNAL_FILE))).toBe(false);
  }, 300_000);
});
