import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EntryPointMemo, ExtractOutcome, ScanCacheStats, Skip } from '../model/index.js';
import { defaultCacheDir } from '../toolchains/cache-dir.js';
import { type GitClean, gitModifiedFiles } from '../workspace/git-index.js';
import type { WalkResult } from '../workspace/walk.js';
import { changedParts, type KeyParts, keyOf, keyParts } from './cache-key.js';
import {
  CACHE_MAGIC,
  type CacheEntries,
  type CacheEntry,
  type CacheFile,
  cacheFileFor,
  readCacheFile,
  writeCacheFile,
} from './store.js';
import { reuseWalk, type WalkSnapshot } from './walk-snapshot.js';

/**
 * How a file is known to be unchanged: `metadata` trusts its size and mtime (and the content hash stored
 * with them when those moved), `content` hashes every candidate (a fresh CI checkout resets mtimes).
 */
export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

export interface CacheOptions {
  /** Directory of the cache files (default: `scan/` in the tool's cache directory, ~/.cache/kms-codemod). */
  location?: string;
  /** Default: `content` when the `CI` environment variable is set, else `metadata`. */
  strategy?: CacheStrategy;
}

/** What the cache did in one scan (the JSON summary's `cache`). */
export type CacheStats = ScanCacheStats;

/** Entries whose mtime is this close to the cache's writing may have changed within the same tick. */
const RACY_MS = 2000;

export function defaultStrategy(env: NodeJS.ProcessEnv = process.env): CacheStrategy {
  const ci = env.CI?.trim().toLowerCase();
  return ci && ci !== 'false' && ci !== '0' ? 'content' : 'metadata';
}

/** The content hash a candidate's entry is stored with. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

const cacheDirOf = (options: CacheOptions): string =>
  resolve(options.location ?? join(defaultCacheDir(), 'scan'));

/** `dir/name` → [`dir`, `name`] (`.` for the root), the two levels entries are stored under. */
function split(rel: string): [string, string] {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? ['.', rel] : [rel.slice(0, slash), rel.slice(slash + 1)];
}

type Stat = { size: number; mtimeMs: number };

/** Blob ids by directory and file name, as `CacheFile.blobs`. */
type Blobs = NonNullable<CacheFile['blobs']>;

/**
 * The per-file fact cache of one scanned root. Every file the scan reads gets an entry: its size and
 * mtime, and for a candidate its content hash and extraction outcome (facts, code digests, or the
 * reason it could not be analysed); files the prefilter dropped get the cheap "nothing to parse" entry,
 * so a warm rescan need not even read them. Cross-file results are never stored: they are recomputed
 * from the facts on every scan.
 */
export class FactCache {
  readonly strategy: CacheStrategy;
  readonly stats: CacheStats;
  /** Whether the cache held entries for this root (a worker is then not worth starting for a few misses). */
  readonly isWarm: boolean;
  private readonly old: CacheEntries;
  /** Entries that differ from the stored ones (a warm scan of an unchanged tree makes none). */
  private readonly changes = new Map<string, CacheEntry>();
  private readonly key: string;
  private readonly parts: KeyParts;
  private readonly written: number;
  private readonly oldWalk: WalkSnapshot | undefined;
  private nextWalk: WalkSnapshot | undefined;
  private readonly oldEntryPoints: NonNullable<CacheFile['entryPoints']>;
  private readonly newEntryPoints: NonNullable<CacheFile['entryPoints']> = {};
  private readonly oldBlobs: Blobs;
  /** Blob ids to store from now on ('' drops one): what git vouched for when an entry was made or checked. */
  private readonly blobChanges = new Map<string, string>();
  /** What git's index said before any file was looked at (see useGit). */
  private git: GitClean | undefined;
  /** Files whose entries git vouched for in this scan (kept under `content` only, for the entry-point memo). */
  private readonly byGit = new Set<string>();
  private dirty = false;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly root: string,
    strategy: CacheStrategy,
    extraction: Record<string, unknown>,
  ) {
    this.strategy = strategy;
    this.parts = keyParts(extraction);
    this.key = keyOf(this.parts);
    const { file, problem } = readCacheFile(path);
    this.stats = {
      strategy,
      file: path,
      fromCache: 0,
      byGit: 0,
      read: 0,
      walkReused: false,
      extracted: 0,
      why: { new: 0, changed: 0, reset: 0 },
    };
    const usable = file !== undefined && file.key === this.key;
    this.isWarm = usable;
    this.old = usable ? file.entries : {};
    this.written = usable ? file.written : 0;
    this.oldWalk = usable ? file.walk : undefined;
    this.oldEntryPoints = (usable && file.entryPoints) || {};
    this.oldBlobs = (usable && file.blobs) || {};
    if (usable) return;
    this.dirty = true;
    if (problem) this.stats.reset = problem;
    else if (file)
      this.stats.reset = `changed since the cache was written: ${changedParts(file.parts, this.parts).join(', ')}`;
  }

  /** The cache of `root` (absolute), with the settings that decide extraction (size limit, encoding, ...). */
  static open(root: string, options: CacheOptions, extraction: Record<string, unknown>): FactCache {
    const dir = cacheDirOf(options);
    return new FactCache(
      dir,
      cacheFileFor(dir, root),
      root,
      options.strategy ?? defaultStrategy(),
      extraction,
    );
  }

  /**
   * Whether asking git's index can pay in this scan. Under `content` it always can: the next scan, on a
   * fresh checkout that reset every mtime, reads nothing git vouches for. Under `metadata` only when a
   * cache file is there to trust: a first scan would pay for git's listing and a second `diff-files`
   * to record blob ids that its size-and-mtime entries do not need; the next scan records them as it
   * checks those entries (see unchanged).
   */
  static asksGit(root: string, options: CacheOptions): boolean {
    if ((options.strategy ?? defaultStrategy()) === 'content') return true;
    return existsSync(cacheFileFor(cacheDirOf(options), root));
  }

  /** The walk this cache recorded for these parameters, when none of its directories moved since. */
  cachedWalk(key: string): WalkResult | undefined {
    const walked = reuseWalk(this.root, this.oldWalk, key, this.written);
    if (walked) {
      this.nextWalk = this.oldWalk;
      this.stats.walkReused = true;
    }
    return walked;
  }

  /** A walk of the whole root that just ran, kept for the next scan. */
  recordWalk(snapshot: WalkSnapshot | undefined): void {
    this.nextWalk = snapshot;
    this.dirty = true;
  }

  /**
   * Whether a source file is a program entry point, as found while its size and mtime were the ones it
   * has now (metadata strategy only: under `content` the sources are read anyway). The application
   * pass asks it before reading a library's sources.
   */
  entryPoints(): EntryPointMemo | undefined {
    if (this.strategy !== 'metadata' && !this.git) return undefined;
    return {
      // An answer stands while the file's entry does: one that changed in this scan was read anew.
      get: (rel) => {
        if (!this.stands(rel)) return undefined;
        const [dir, name] = split(rel);
        return this.oldEntryPoints[dir]?.[name];
      },
      set: (rel, entryPoint) => {
        if (!this.changes.has(rel) && !this.entry(rel)) return;
        const [dir, name] = split(rel);
        let names = this.newEntryPoints[dir];
        if (!names) {
          names = {};
          this.newEntryPoints[dir] = names;
        }
        names[name] = entryPoint;
        this.dirty = true;
      },
    };
  }

  /**
   * Whether a file's stored entry-point answer still describes it: under `metadata` while its entry is
   * unchanged, under `content` only when git vouched for its bytes (a file read again may have changed
   * with its size and mtime).
   */
  private stands(rel: string): boolean {
    if (this.changes.has(rel)) return false;
    return this.strategy === 'metadata' || this.byGit.has(rel);
  }

  /** Entry-point answers of the files the cache holds, for the content their entries stand for. */
  private keptEntryPoints(entries: CacheEntries): NonNullable<CacheFile['entryPoints']> {
    const out: NonNullable<CacheFile['entryPoints']> = {};
    for (const [dir, files] of Object.entries(entries)) {
      const fresh = this.newEntryPoints[dir];
      const old = this.oldEntryPoints[dir];
      if (!fresh && !old) continue;
      const kept: Record<string, boolean> = {};
      for (const name in files) {
        const answer =
          fresh?.[name] ??
          (old?.[name] !== undefined && this.stands(dir === '.' ? name : `${dir}/${name}`)
            ? old[name]
            : undefined);
        if (answer !== undefined) kept[name] = answer;
      }
      out[dir] = kept;
    }
    return out;
  }

  private entry(rel: string): CacheEntry | undefined {
    const [dir, name] = split(rel);
    return this.old[dir]?.[name];
  }

  /**
   * What git's index says of the root's files, asked before any of them is looked at (undefined: git
   * is missing, failed, or the root is not in a work tree; then nothing is trusted through git). Under
   * either strategy, a file git reports unchanged with the blob id its entry was made from has the
   * bytes the entry describes, so it is neither read nor stat'ed.
   */
  useGit(clean: GitClean | undefined): void {
    this.git = clean;
  }

  /**
   * The stored entry of a file known not to have changed (it is not read at all), else undefined and
   * the file is read: git vouches for it (see useGit), or, with the `metadata` strategy, its size and
   * mtime have not moved. An `lstat`: a symbolic link's own times never match what was stored from its
   * target, so a linked file is always read.
   */
  unchanged(rel: string, abs: string): CacheEntry | undefined {
    const [dir, name] = split(rel);
    const entry = this.old[dir]?.[name];
    if (!entry) return undefined;
    const blob = this.git?.blobs.get(rel);
    if (blob !== undefined && this.oldBlobs[dir]?.[name] === blob) {
      this.stats.fromCache++;
      this.stats.byGit++;
      if (this.strategy !== 'metadata') this.byGit.add(rel);
      return entry;
    }
    if (this.strategy !== 'metadata' || entry[1] >= this.written - RACY_MS) return undefined;
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st || st.size !== entry[0] || st.mtimeMs !== entry[1]) return undefined;
    this.stats.fromCache++;
    // The entry stands for the file's bytes, which git says are this blob's.
    if (blob !== undefined) this.stampBlob(rel, blob);
    return entry;
  }

  /** Records the blob id an entry's bytes have ('' for none known). */
  private stampBlob(rel: string, blob: string): void {
    const [dir, name] = split(rel);
    if ((this.oldBlobs[dir]?.[name] ?? '') === blob && !this.blobChanges.has(rel)) return;
    this.blobChanges.set(rel, blob);
    this.dirty = true;
  }

  /**
   * Before saving: a blob id stamped in this scan stands only if git still reports its file unchanged
   * now that the scan is over (it was asked before the file was read; an edit in between shows here).
   */
  async confirmGit(root: string): Promise<void> {
    let stamped = false;
    for (const blob of this.blobChanges.values()) if (blob) stamped = true;
    if (!stamped) return;
    const modified = await gitModifiedFiles(root);
    for (const [rel, blob] of this.blobChanges)
      if (blob && (!modified || modified.has(rel))) this.blobChanges.set(rel, '');
  }

  /** After a read: the stored outcome of a candidate whose content hash has not changed. */
  sameContent(rel: string, stat: Stat, hash: string): ExtractOutcome | undefined {
    const entry = this.entry(rel);
    if (entry?.length !== 4 || entry[2] !== hash) return undefined;
    this.keep(rel, [stat.size, stat.mtimeMs, hash, entry[3]]);
    this.stats.fromCache++;
    return entry[3];
  }

  /** Counts a file read from disk (the cache could not vouch for it by metadata). */
  noteRead(): void {
    this.stats.read++;
  }

  /** A file read that named no SDK. */
  recordPlain(rel: string, stat: Stat | undefined): void {
    if (stat) this.keep(rel, [stat.size, stat.mtimeMs]);
  }

  /** A file skipped for what it is; unreadable files are not stored (that may pass). */
  recordSkip(rel: string, stat: Stat | undefined, skip: Skip): void {
    if (stat && skip.reason !== 'unreadable') this.keep(rel, [stat.size, stat.mtimeMs, skip]);
  }

  /**
   * A candidate just extracted; counted with why it was. An outcome that may differ another time (a
   * thread that died on it, a query that ran out of time) is not stored.
   */
  recordFacts(rel: string, stat: Stat | undefined, hash: string, outcome: ExtractOutcome): void {
    this.stats.extracted++;
    const before = this.entry(rel);
    if (this.stats.reset !== undefined) this.stats.why.reset++;
    else if (before?.length === 4) this.stats.why.changed++;
    else this.stats.why.new++;
    const transient = outcome.ok ? outcome.facts.parseErrors.some((p) => p.transient) : outcome.transient;
    if (stat && !transient) this.keep(rel, [stat.size, stat.mtimeMs, hash, outcome]);
  }

  private keep(rel: string, entry: CacheEntry): void {
    // The file was read after git was asked: the blob it vouched for is the one these bytes have.
    this.stampBlob(rel, this.git?.blobs.get(rel) ?? '');
    const before = this.entry(rel);
    if (
      !before ||
      before.length !== entry.length ||
      before[0] !== entry[0] ||
      before[1] !== entry[1] ||
      (entry.length === 4 && before[2] !== entry[2])
    )
      this.changes.set(rel, entry);
  }

  /**
   * Writes the cache when anything changed. After a walk of the whole root (`walked` lists what it
   * found), entries of files it did not meet (deleted, renamed, newly ignored) are dropped; after a
   * partial one they are kept. A reused walk met exactly the files the cache was written for.
   */
  save(walked: readonly { rel: string }[] | undefined): void {
    if (!this.dirty && this.changes.size === 0) return;
    const entries: CacheEntries = {};
    const blobs: Blobs = {};
    const put = (rel: string, entry: CacheEntry | undefined) => {
      if (!entry) return;
      const [dir, name] = split(rel);
      let files = entries[dir];
      if (!files) {
        files = {};
        entries[dir] = files;
      }
      files[name] = entry;
      const blob = this.blobChanges.get(rel) ?? this.oldBlobs[dir]?.[name];
      if (!blob) return;
      let ids = blobs[dir];
      if (!ids) {
        ids = {};
        blobs[dir] = ids;
      }
      ids[name] = blob;
    };
    if (walked) for (const s of walked) put(s.rel, this.changes.get(s.rel) ?? this.entry(s.rel));
    else {
      for (const [dir, files] of Object.entries(this.old)) entries[dir] = { ...files };
      for (const [dir, ids] of Object.entries(this.oldBlobs)) blobs[dir] = { ...ids };
      for (const [rel, entry] of this.changes) put(rel, entry);
      for (const [rel, blob] of this.blobChanges) {
        const [dir, name] = split(rel);
        if (blob && entries[dir]?.[name]) {
          blobs[dir] ??= {};
          blobs[dir][name] = blob;
        } else if (blobs[dir]) delete blobs[dir][name];
      }
    }
    const file: CacheFile = {
      magic: CACHE_MAGIC,
      key: this.key,
      parts: this.parts,
      root: this.root,
      written: Date.now(),
      entries,
      entryPoints: this.keptEntryPoints(entries),
      blobs,
      ...(this.nextWalk ? { walk: this.nextWalk } : {}),
    };
    const problem = writeCacheFile(this.path, this.dir, file);
    if (problem) this.stats.problem = problem;
  }
}
