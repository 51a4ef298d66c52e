import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** git failed for a reason other than "not a repository" (dubious ownership, a broken index, ...). */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Read-only git queries for migrate (never changes the tree or the index). */
function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string; missing: boolean } {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // English messages, so that "not a git repository" can be told from every other failure; no
    // optional lock, so that `status` does not write back the index it refreshed (a concurrent git
    // command of the user's would trip over its lock).
    env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' },
  });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { ok: r.status === 0, out: r.stdout ?? '', err: (r.stderr ?? '').trim(), missing };
}

function failure(cwd: string, args: string[], r: { err: string }): GitError {
  const said =
    r.err
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ') || 'no message';
  return new GitError(`git ${args.join(' ')} failed in ${cwd}: ${said}`);
}

/**
 * The repository's top directory, or undefined outside a git work tree (or without git installed).
 * Fails closed: any other failure of git (e.g. "detected dubious ownership") throws a GitError with
 * git's message, since the caller cannot tell whether the tree has uncommitted changes.
 */
export function gitRoot(cwd: string): string | undefined {
  const args = ['rev-parse', '--show-toplevel'];
  const r = git(cwd, args);
  if (r.ok) return r.out.trim();
  if (r.missing) {
    const repo = enclosingGitDir(cwd);
    if (!repo) return undefined;
    throw new GitError(
      `${repo} is a git work tree but git is not installed, so its uncommitted changes cannot be checked`,
    );
  }
  if (/not a git repository/i.test(r.err)) return undefined;
  throw failure(cwd, args, r);
}

function enclosingGitDir(cwd: string): string | undefined {
  for (let d = cwd; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Whether a file has uncommitted changes (staged, unstaged or untracked). False outside git. */
export function isDirty(cwd: string, file: string): boolean {
  const r = git(cwd, ['status', '--porcelain', '--', file]);
  return r.ok && r.out.trim() !== '';
}

/** Files with uncommitted changes, repository-relative with `/`. Throws a GitError when git fails. */
export function dirtyFiles(cwd: string): string[] {
  const args = ['status', '--porcelain', '-z'];
  const r = git(cwd, args);
  if (!r.ok) throw failure(cwd, args, r);
  const out: string[] = [];
  const parts = r.out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    out.push(entry.slice(3));
    // Renames carry the old path as the next entry.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return out;
}

/** Files changed between `ref` and the work tree (committed since, staged or not), repository-relative. */
export function changedSince(cwd: string, ref: string): string[] {
  const r = git(cwd, ['diff', '--name-only', '-z', ref, '--']);
  if (!r.ok)
    throw new Error(
      `git diff against '${ref}' failed in ${cwd}: is it a git repository and does the ref exist?`,
    );
  return r.out.split('\0').filter(Boolean);
}
