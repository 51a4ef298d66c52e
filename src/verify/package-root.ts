import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The kms-codemod package directory, from src/verify (tests) or dist/src/verify (built). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'kms-codemod') {
          cached = dir;
          return dir;
        }
      } catch {
        // not ours; keep walking up
      }
    }
    dir = dirname(dir);
  }
  throw new Error(
    'src/verify/package-root.ts: cannot find the kms-codemod package.json above this module; reinstall kms-codemod',
  );
}

export function bundledSamplesDir(): string {
  return join(packageRoot(), 'fixtures', 'samples');
}
