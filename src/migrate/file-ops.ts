import {
  closeSync,
  copyFileSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';

/**
 * The file-system steps of `migrate --write` (src/migrate/write-all.ts), behind one interface so that
 * a test can make any one of them fail.
 */
export interface FileOps {
  /** Creates `path`, which must not exist, with `data` and `mode`, and flushes it to disk. */
  create(path: string, data: Buffer | string, mode: number): void;
  rename(from: string, to: string): void;
  /** Gives the file at `from` a second name `to` (its backup): a hard link, or a copy where links fail. */
  keep(from: string, to: string): void;
  /** Removes `path`; no error when it is already gone. */
  remove(path: string): void;
}

export const FS_OPS: FileOps = {
  create(path, data, mode) {
    const fd = openSync(path, 'wx', mode);
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
      // The umask may have narrowed the mode given to open.
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: renameSync,
  keep(from, to) {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  },
  remove(path) {
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  },
};
