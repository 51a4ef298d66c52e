import { basename, dirname, relative, resolve } from 'node:path';

const MANIFEST =
  /^(pom\.xml|build\.gradle(\.kts)?|go\.mod|package\.json|requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg)$/;

export function isManifest(path: string): boolean {
  return MANIFEST.test(basename(path));
}

/**
 * The application a file belongs to: the nearest directory (up to the scanned root) holding a
 * manifest, else the scanned root itself.
 */
export function appRootOf(file: string, roots: readonly string[], manifestDirs: ReadonlySet<string>): string {
  const abs = resolve(file);
  const root = roots
    .map((r) => resolve(r))
    .filter((r) => abs === r || abs.startsWith(`${r}/`))
    .sort((a, b) => b.length - a.length)[0];
  let dir = dirname(abs);
  while (true) {
    if (manifestDirs.has(dir)) return dir;
    if (!root || dir === root || relative(root, dir).startsWith('..')) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return root && root !== abs ? root : dirname(abs);
}
