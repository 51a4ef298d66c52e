import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ExtractOutcome, Skip } from '../model/index.js';
import type { KeyParts } from './cache-key.js';
import type { WalkSnapshot } from './walk-snapshot.js';

export const CACHE_MAGIC = 'kms-codemod-fact-cache';
const FILE_NAME = /^[0-9a-f]{20}\.json$/;
/** A cache file nobody has written for this long belongs to a checkout that is gone. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A temporary file this old is what a killed run left behind. */
const TMP_MAX_AGE_MS = 3600 * 1000;

/**
 * One file's entry: its size and mtime (ms), and after them, for a file skipped for what it is (binary,
 * too large, not UTF-8) the skip, for a candidate its content hash and extraction outcome. A file read
 * that named no SDK has nothing more. Tuples, not objects: a cache holds one per file of the tree.
 */
export type PlainEntry = [size: number, mtimeMs: number];
export type SkipEntry = [size: number, mtimeMs: number, skip: Skip];
export type FactEntry = [size: number, mtimeMs: number, hash: string, outcome: ExtractOutcome];
export type CacheEntry = PlainEntry | SkipEntry | FactEntry;

/** Entries by directory (relative to the root, `.` for it) and file name. */
export type CacheEntries = Record<string, Record<string, CacheEntry>>;

/** One cache file: one scanned root, paths inside relative to it. */
export interface CacheFile {
  magic: typeof CACHE_MAGIC;
  key: string;
  parts: KeyParts;
  /** The root's real path when written (the file name is derived from it; kept for people reading it). */
  root: string;
  /** When it was written (ms since the epoch): an entry whose mtime is this recent is checked by content. */
  written: number;
  entries: CacheEntries;
  /**
   * Whether a source file is a program entry point (scan/app-kind.ts), by directory and file name like
   * `entries`, for the content its entry stands for.
   */
  entryPoints?: Record<string, Record<string, boolean>>;
  /**
   * The git blob id of the bytes an entry was made from, by directory and file name like `entries`, for
   * the files git's index vouched for when they were read (see FactCache.useGit).
   */
  blobs?: Record<string, Record<string, string>>;
  /** The last walk of the whole root, reused while none of its directories moved. */
  walk?: WalkSnapshot;
}

/** Where the cache of `root` lives in `dir`: one file per scanned root, named by its real path. */
export function cacheFileFor(dir: string, root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // a root that does not resolve is scanned (and reported) as it is
  }
  return join(dir, `${createHash('sha256').update(real).digest('hex').slice(0, 20)}.json`);
}

/** Reads a cache file; a missing one is `undefined`, a corrupt or foreign one a `problem` (never an error). */
export function readCacheFile(path: string): { file?: CacheFile; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? {}
      : { problem: `the cache file could not be read (${code}); it is rewritten` };
  }
  try {
    const file = JSON.parse(text) as CacheFile;
    if (file?.magic !== CACHE_MAGIC || typeof file.entries !== 'object' || file.entries === null)
      return { problem: 'the cache file was not one of ours; it is rewritten' };
    return { file };
  } catch {
    return { problem: 'the cache file was corrupt; it is rewritten' };
  }
}

/** CACHEDIR.TAG (backup tools skip the folder) and a .gitignore (it is never committed by mistake). */
function markCacheDir(dir: string): void {
  const tag = join(dir, 'CACHEDIR.TAG');
  if (!existsSync(tag))
    writeFileSync(
      tag,
      'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by kms-codemod.\n# For information about cache directory tags, see https://bford.info/cachedir/\n',
    );
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Created by kms-codemod: a cache, never committed.\n*\n');
}

/** Drops cache files of roots not scanned for 30 days, and temporary files a killed run left. */
function prune(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    const isTmp = name.endsWith('.tmp') && FILE_NAME.test(name.slice(0, 25));
    if (!isTmp && !FILE_NAME.test(name)) continue;
    try {
      const age = now - statSync(join(dir, name)).mtimeMs;
      if (age > (isTmp ? TMP_MAX_AGE_MS : MAX_AGE_MS)) unlinkSync(join(dir, name));
    } catch {
      // another run pruned it first
    }
  }
}

/**
 * Writes a cache file atomically (a temporary file renamed over it: a reader sees the old file or the
 * new one, never half of one; concurrent scans of one root leave the last one's). Returns a problem
 * instead of throwing: a cache that cannot be written only costs the next run its parses.
 */
export function writeCacheFile(path: string, dir: string, file: CacheFile): string | undefined {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    markCacheDir(dir);
    writeFileSync(tmp, JSON.stringify(file));
    renameSync(tmp, path);
    prune(dir, file.written);
    return undefined;
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
    return `the cache could not be written to ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
}
