import { spawnSync } from 'node:child_process';

// Stand-in for src/workspace/changes.ts (the incremental engine's `changedFiles`), with its shape,
// until that lands; then this file goes and pr-diff.ts imports the real one.
export interface ChangedFiles {
  ref: string;
  mergeBase: string;
  head: string;
  files: string[];
}

function run(cwd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim() };
}

export function changedFiles(root: string, ref: string): ChangedFiles {
  const head = run(root, ['rev-parse', '--verify', 'HEAD^{commit}']);
  const target = run(root, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  if (!head.ok || !target.ok)
    throw Object.assign(new Error(`--base ${ref}: no such commit`), { name: 'UsageError' });
  const base = run(root, ['merge-base', target.out, head.out]);
  if (!base.ok)
    throw Object.assign(new Error(`--base ${ref}: no merge base with HEAD`), { name: 'UsageError' });
  const files = run(root, ['diff', '--name-only', base.out]).out.split('\n').filter(Boolean);
  return { ref, mergeBase: base.out, head: head.out, files };
}
