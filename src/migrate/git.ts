import { dirname, resolve, sep } from 'node:path';
import { gitRoot, dirtyFiles as repoDirtyFiles } from '../workspace/git.js';

/**
 * Which of `paths` have uncommitted changes (modified, staged or untracked), as absolute paths. Files
 * outside a git work tree are never dirty. Uses the read-only helpers of src/workspace/git.ts.
 */
export function dirtyAmong(paths: readonly string[]): Set<string> {
  const roots = new Map<string, string | undefined>();
  const entriesByRoot = new Map<string, string[]>();
  const dirty = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    const dir = dirname(abs);
    if (!roots.has(dir)) roots.set(dir, gitRoot(dir));
    const root = roots.get(dir);
    if (!root) continue;
    let entries = entriesByRoot.get(root);
    if (!entries) {
      entries = repoDirtyFiles(root).map((e) => resolve(root, e));
      entriesByRoot.set(root, entries);
    }
    // An untracked directory is listed once, as `dir/`: everything under it is uncommitted.
    if (
      entries.some(
        (e) =>
          e === abs || (e.endsWith(sep) || e.endsWith('/') ? abs.startsWith(e) : abs.startsWith(e + sep)),
      )
    )
      dirty.add(abs);
  }
  return dirty;
}
