import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { FIXTURE_ROOT } from './fixture-scenarios.js';
import { chownRecursive } from './support/tree-snapshot.js';

// Issue 13, point 3: the dirty-tree guard fails closed. When git itself fails, --write refuses with
// git's message instead of taking the tree for "not a repository".

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** A `git` that fails as git does on a repository owned by someone else (for a runner that cannot chown). */
function fakeDubiousGit(dir: string): string {
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'git'),
    `#!/bin/sh\necho "fatal: detected dubious ownership in repository at '$PWD'" >&2\nexit 128\n`,
  );
  chmodSync(join(bin, 'git'), 0o755);
  return bin;
}

describe('migrate --write when git fails', () => {
  let root: string;
  let work: string;
  const path = process.env.PATH;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kms-git-'));
    work = join(root, 'repo');
    cpSync(join(FIXTURE_ROOT, 'java/withComments/before'), work, { recursive: true });
    git(work, 'init', '-q');
    git(work, 'add', '.');
    git(work, 'commit', '-q', '-m', 'before');
  });
  afterEach(() => {
    process.env.PATH = path;
    rmSync(root, { recursive: true, force: true });
  });

  it('"dubious ownership": refuses with git\'s message and writes nothing', async () => {
    // A repository owned by another user is what containers and CI runners meet.
    if (process.getuid?.() === 0) chownRecursive(work, 65534);
    else process.env.PATH = `${fakeDubiousGit(root)}:${path}`;
    const before = readFileSync(join(work, 'App.java'));
    const r = await migrate({ paths: [work], write: true });
    expect(r.writeFailed).toBe(true);
    expect(r.written).toEqual([]);
    const note = r.unrewritten.find((f) => f.ruleId === 'migrate/git-failed');
    expect(note?.message).toMatch(/detected dubious ownership in repository/);
    expect(note?.message).toContain('nothing was written');
    expect(readFileSync(join(work, 'App.java')).equals(before)).toBe(true);
    // --allow-dirty does not ask git, so the user has a way through.
    const forced = await migrate({ paths: [work], write: true, allowDirty: true });
    expect(forced.writeFailed).toBe(false);
  });

  it('a git work tree without git installed is refused too', async () => {
    process.env.PATH = join(root, 'no-such-bin');
    const r = await migrate({ paths: [work], write: true });
    expect(r.writeFailed).toBe(true);
    expect(r.unrewritten.find((f) => f.ruleId === 'migrate/git-failed')?.message).toContain(
      'git is not installed',
    );
  });
});
