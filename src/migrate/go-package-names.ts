import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { packageLevelNames } from '../languages/go/package-names.js';

/**
 * The package-level names of the other `.go` files beside `path` (one Go package per directory):
 * new names the rewrite puts in the package or in the file's imports must not clash with them.
 * An unreadable directory or file contributes nothing.
 */
export function goPackageNames(path: string): string[] {
  const dir = dirname(path);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const name of entries) {
    if (!name.endsWith('.go') || name === basename(path)) continue;
    try {
      for (const n of packageLevelNames(readFileSync(join(dir, name), 'utf8'))) names.add(n);
    } catch {
      // a directory named *.go, or a file gone since the scan: nothing declared there
    }
  }
  return [...names].sort();
}
