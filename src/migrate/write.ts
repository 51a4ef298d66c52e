import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type FileOps, FS_OPS } from './file-ops.js';

/**
 * Writes one file via a temp file in the same directory and a rename, keeping the file's mode. A
 * whole `migrate --write` run goes through src/migrate/write-all.ts, which does this for every file
 * of the run with a journal, so that the run is all or nothing.
 */
export function writeAtomic(path: string, data: string | Buffer, ops: FileOps = FS_OPS): void {
  const mode = statSync(path).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.kms-codemod-${process.pid}.tmp`);
  try {
    ops.create(tmp, data, mode);
    ops.rename(tmp, path);
  } catch (err) {
    ops.remove(tmp);
    throw err;
  }
}
