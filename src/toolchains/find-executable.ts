import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The first of `names` found, as an absolute path: in `preferDirs` (e.g. $JAVA_HOME/bin), then on
 * PATH, then in `fallbackDirs` (usual install places a login shell would have added to PATH).
 */
export function findExecutable(
  names: readonly string[],
  preferDirs: readonly string[] = [],
  fallbackDirs: readonly string[] = [],
): string | undefined {
  const pathDirs = (process.env.PATH ?? '').split(delimiter);
  const dirs = [...preferDirs, ...pathDirs, ...fallbackDirs].filter((d) => d !== '');
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = join(dir, name + ext);
        try {
          if (!statSync(candidate).isFile()) continue;
          accessSync(candidate, constants.X_OK);
          return candidate;
        } catch {
          // not here; keep looking
        }
      }
    }
  }
  return undefined;
}

/** Parses "1.2.3"-like text into numbers, for comparisons with a minimum version. */
export function versionAtLeast(found: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const f = found[i] ?? 0;
    if (f !== min[i]) return f > min[i];
  }
  return true;
}
