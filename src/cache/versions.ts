import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package.json of kms-codemod itself, whether running from src/ (tests) or dist/src/ (installed). */
function ownPackageDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'kms-codemod') return dir;
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** kms-codemod's version, from its package.json. */
export function toolVersion(): string {
  const dir = ownPackageDir();
  if (!dir) return '0.0.0';
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The installed version of a dependency (`from` resolves nested installs), or `missing`. */
export function dependencyVersion(name: string, from: string = import.meta.url): string {
  try {
    const path = createRequire(from).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'missing';
  }
}
