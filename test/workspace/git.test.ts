import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedSince, dirtyFiles, gitRoot, isDirty } from '../../src/workspace/git.js';
import { repositoryInfo } from '../../src/workspace/repository.js';
import { testGitEnv } from '../support/git-env.js';

// A throw-away repository in the temp dir (never the project checkout).
const repo = realpathSync(mkdtempSync(join(tmpdir(), 'kms-git-')));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const env = testGitEnv({ HOME: repo });
const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });

describe('git helpers', () => {
  it('answer dirty / changed-since questions, read-only', () => {
    expect(git('init', '-q').status).toBe(0);
    writeFileSync(join(repo, 'a.ts'), 'a\n');
    writeFileSync(join(repo, 'b.ts'), 'b\n');
    git('add', '.');
    expect(git('commit', '-qm', 'one').status).toBe(0);
    const base = git('rev-parse', 'HEAD').stdout.trim();
    expect(gitRoot(repo)).toBe(repo);
    expect(isDirty(repo, 'a.ts')).toBe(false);
    writeFileSync(join(repo, 'a.ts'), 'changed\n');
    writeFileSync(join(repo, 'new file.ts'), 'n\n');
    expect(isDirty(repo, 'a.ts')).toBe(true);
    expect(isDirty(repo, 'b.ts')).toBe(false);
    expect(dirtyFiles(repo).sort()).toEqual(['a.ts', 'new file.ts']);
    expect(changedSince(repo, base)).toEqual(['a.ts']);
    expect(() => changedSince(repo, 'no-such-ref')).toThrow(/no-such-ref/);
    expect(gitRoot(tmpdir())).toBeUndefined();
  });
});

describe('asking git about the work tree', () => {
  it("leaves git's index as it was, even when git refreshes its stat data (a concurrent git command must not meet our lock)", async () => {
    const index = join(repo, '.git', 'index');
    git('checkout', '-q', '--', '.');
    git('add', '-A');
    git('commit', '-qm', 'two');
    // Same bytes, a new mtime: `git status` refreshes the entry, and writes the index back unless told not to.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(repo, 'b.ts'), later, later);
    const before = statSync(index);
    expect(await repositoryInfo(repo, {})).toMatchObject({ dirty: false });
    expect(isDirty(repo, 'b.ts')).toBe(false);
    expect(dirtyFiles(repo)).toEqual([]);
    const after = statSync(index);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    // git itself, asked the same, does write it: the check above can fail.
    git('status', '--porcelain');
    expect(statSync(index).mtimeMs).not.toBe(before.mtimeMs);
  });
});
