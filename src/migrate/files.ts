import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'target',
  'vendor',
  'venv',
  '.venv',
  '__pycache__',
  '.gradle',
  '.idea',
  '.tox',
  'out',
]);

/** Every regular file under the given paths (files are taken as given), in a stable order. */
export function listFiles(
  paths: readonly string[],
  onError: (path: string, message: string) => void,
): string[] {
  const out: string[] = [];
  const visit = (path: string, explicit: boolean): void => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch (err) {
      onError(path, (err as Error).message);
      return;
    }
    if (st.isFile()) {
      out.push(path);
      return;
    }
    if (!st.isDirectory()) return;
    const name = path.split(/[\\/]/).pop() ?? '';
    if (!explicit && SKIP_DIRS.has(name)) return;
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (err) {
      onError(path, (err as Error).message);
      return;
    }
    for (const e of entries) visit(join(path, e), false);
  };
  for (const p of paths) visit(p, true);
  return [...new Set(out)];
}
