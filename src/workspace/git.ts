import { spawnSync } from 'node:child_process';

/** Read-only git queries for migrate (never changes the tree or the index). */
function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? '' };
}

/** The repository's top directory, or undefined outside a git work tree (or without git). */
export function gitRoot(cwd: string): string | undefined {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.out.trim() : undefined;
}

/** Whether a file has uncommitted changes (staged, unstaged or untracked). False outside git. */
export function isDirty(cwd: string, file: string): boolean {
  const r = git(cwd, ['status', '--porcelain', '--', file]);
  return r.ok && r.out.trim() !== '';
}

/** Files with uncommitted changes, repository-relative with `/`. Empty outside git. */
export function dirtyFiles(cwd: string): string[] {
  const r = git(cwd, ['status', '--porcelain', '-z']);
  if (!r.ok) return [];
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
