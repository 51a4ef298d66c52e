import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE, ConfigError } from './config.js';

/** The nearest `kms-codemod.config.json` in `dir` or a directory above it, as ESLint and Semgrep look. */
export function nearestConfig(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const file = join(d, CONFIG_FILE);
    if (existsSync(file)) return file;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function dirOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/**
 * The config a run uses: the nearest one above each scanned path, else the one above the working
 * directory. Paths under different configs are refused, since one run has one set of rules and
 * ignores: the message says how to run them.
 */
export function findConfig(paths: readonly string[], cwd: string = process.cwd()): string | undefined {
  const found = new Map<string, string | undefined>();
  for (const p of paths) found.set(p, nearestConfig(dirOf(resolve(cwd, p))));
  const distinct = [...new Set(found.values())];
  if (distinct.length > 1) {
    const list = [...found.entries()]
      .map(([p, c]) => `${p} → ${c ? relative(cwd, c) || CONFIG_FILE : 'none'}`)
      .join(', ');
    throw new ConfigError(
      `the paths fall under different config files (${list}); run them one at a time, or pass --config FILE or --no-config`,
    );
  }
  return distinct[0] ?? nearestConfig(cwd);
}
