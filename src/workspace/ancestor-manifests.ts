import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { isManifest } from './manifests.js';

/**
 * The manifests in the directories between the root and each scanned path (the walk lists only
 * what is under a path), so that a single file, or a folder inside an application, belongs to its
 * application and not to the root. Root-relative, `/` separators.
 */
export function ancestorManifests(root: string, paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    for (let dir = dirname(p); ; dir = dirname(dir)) {
      const rel = relative(root, dir);
      if (rel === '' || rel.startsWith('..') || rel === dir) break;
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        // an unreadable directory above the path: it has no manifest we can use
      }
      for (const n of names.filter(isManifest)) out.add([...rel.split(sep), n].join('/'));
    }
  }
  return [...out];
}
