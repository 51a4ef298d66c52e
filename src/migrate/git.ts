import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

/**
 * Files with uncommitted changes (modified, staged or untracked), as absolute paths. Files outside a
 * git work tree are never dirty. Read-only git commands only.
 */
export function dirtyFiles(paths: readonly string[]): Set<string> {
  const dirty = new Set<string>();
  const tops = new Map<string, string | undefined>();
  for (const p of paths) {
    const dir = dirname(resolve(p));
    if (!tops.has(dir)) {
      const r = spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
      tops.set(dir, r.status === 0 ? r.stdout.trim() : undefined);
    }
  }
  for (const top of new Set([...tops.values()].filter((t): t is string => !!t))) {
    const r = spawnSync('git', ['-C', top, 'status', '--porcelain', '-z', '--untracked-files=all'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const parts = r.stdout.split('\0');
    for (let i = 0; i < parts.length; i++) {
      const entry = parts[i];
      if (entry.length < 4) continue;
      dirty.add(resolve(top, entry.slice(3)));
      if (entry[0] === 'R' || entry[0] === 'C') i++; // the next field is the rename source
    }
  }
  return dirty;
}
