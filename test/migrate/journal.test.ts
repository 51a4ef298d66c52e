import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileOps, FS_OPS } from '../../src/migrate/file-ops.js';
import { recoverDir } from '../../src/migrate/journal.js';
import { planMigration } from '../../src/migrate/plan-migration.js';
import { writeAll } from '../../src/migrate/write-all.js';
import { preflightWrites } from '../../src/migrate/write-preflight.js';
import { scan } from '../../src/scan/index.js';
import { writeLegacyTree } from './support/legacy-tree.js';
import { type Snapshot, snapshot, wholly } from './support/tree-snapshot.js';

// The commit protocol of `migrate --write` (src/migrate/write-all.ts), killed after every single
// file-system step in turn: after recovery each application is wholly old or wholly new. A process
// that dies does nothing more, so "dies after n steps" is a set of operations that stop taking effect.

/** File operations of a process that dies after `n` of them: later ones have no effect. */
function dyingAfter(n: number): FileOps & { count: () => number } {
  let done = 0;
  const step = (f: () => void) => {
    if (done++ < n) f();
  };
  return {
    create: (p, d, m) => step(() => FS_OPS.create(p, d, m)),
    rename: (a, b) => step(() => FS_OPS.rename(a, b)),
    keep: (a, b) => step(() => FS_OPS.keep(a, b)),
    remove: (p) => step(() => FS_OPS.remove(p)),
    count: () => done,
  };
}

describe('killed after any step of the write, recovery leaves each application old or new', () => {
  const root = mkdtempSync(join(tmpdir(), 'kms-journal-'));
  const pristine = join(root, 'pristine');
  let apps: string[];
  let before: Snapshot;
  let after: Snapshot;
  let steps = 0;

  async function targetsIn(dir: string) {
    const plan = planMigration(await scan({ paths: [dir], root: dir }));
    const pre = preflightWrites(plan.changes);
    expect(pre.refusals).toEqual([]);
    return pre.targets;
  }

  function expectWhole(dir: string, label: string): void {
    const now = snapshot(dir);
    expect(
      [...now.keys()].filter((f) => f.includes('kms-codemod')),
      label,
    ).toEqual([]);
    for (const app of apps)
      expect(wholly(app, now, before, after), `${label}: ${app} is half migrated`).toBe(true);
  }

  beforeAll(async () => {
    apps = writeLegacyTree(pristine, 3, 2);
    before = snapshot(pristine);
    const full = join(root, 'full');
    cpSync(pristine, full, { recursive: true });
    const ops = dyingAfter(Number.POSITIVE_INFINITY);
    expect(writeAll(await targetsIn(full), ops).failure).toBeUndefined();
    steps = ops.count();
    after = snapshot(full);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('at every step boundary of the run', async () => {
    expect(steps).toBeGreaterThan(30);
    // One plan for one place on disk, restored from the pristine copy before each kill.
    const work = join(root, 'each');
    cpSync(pristine, work, { recursive: true });
    const targets = await targetsIn(work);
    for (let n = 0; n <= steps; n++) {
      rmSync(work, { recursive: true, force: true });
      cpSync(pristine, work, { recursive: true });
      writeAll(targets, dyingAfter(n));
      for (const app of apps) expect(recoverDir(join(work, app))?.problems ?? []).toEqual([]);
      expectWhole(work, `killed after step ${n}`);
    }
  });

  it('and when the recovery itself is killed half way, the next recovery still gets there', async () => {
    for (const n of [Math.floor(steps / 3), Math.floor((2 * steps) / 3) + 1]) {
      const work = join(root, `r${n}`);
      cpSync(pristine, work, { recursive: true });
      writeAll(await targetsIn(work), dyingAfter(n));
      for (let m = 0; m < 4; m++) {
        for (const app of apps) recoverDir(join(work, app), dyingAfter(m));
      }
      for (const app of apps) expect(recoverDir(join(work, app))?.problems ?? []).toEqual([]);
      expectWhole(work, `killed after step ${n}, recovery killed`);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('a file changed by hand after the kill is left alone, and the journal kept', async () => {
    const work = join(root, 'edited');
    cpSync(pristine, work, { recursive: true });
    const targets = await targetsIn(work);
    // Dies right after the commit marker (two steps per journal, two per file, two for the marker):
    // every file is prepared, none replaced.
    const journals = new Set(targets.map((t) => t.appDir)).size;
    writeAll(targets, dyingAfter(2 * journals + 2 * targets.length + 2));
    const edited = targets[0].real;
    writeFileSync(edited, 'my own edit\n');
    const r = recoverDir(join(work, apps[0]));
    expect(r?.direction).toBe('forward');
    expect(r?.problems.join()).toMatch(/changed since the interrupted run; left as it is/);
    expect(readFileSync(edited, 'utf8')).toBe('my own edit\n');
  });
});
