import type { AppResult } from './app.js';
import type { BaselineComparison } from './baseline.js';
import type { FileFacts } from './facts.js';
import type { Finding } from './finding.js';
import type { Skip } from './skip.js';

export interface ParseErrorNote {
  file: string;
  line: number;
  message: string;
}

export interface ScanStats {
  /** Source files found by the walk (known languages, within limits). */
  files: number;
  bytes: number;
  /** Files that named an SDK literal and were parsed. */
  parsed: number;
  ignored: number;
  workers: number;
  durationMs: number;
  /** What the fact cache did, when the scan used one (src/cache/fact-cache.ts). */
  cache?: ScanCacheStats;
}

/** The fact cache's counts for one scan. */
export interface ScanCacheStats {
  strategy: 'metadata' | 'content';
  /** The cache file. */
  file: string;
  /** Files whose stored result was used (unchanged by size and mtime, or by content). */
  fromCache: number;
  /** Of those, files git's index vouched for (tracked, unchanged, the blob the entry was made from): not even stat'ed. */
  byGit: number;
  /** Files read from disk. */
  read: number;
  /** Whether the last walk was reused (none of its directories had changed) instead of walking again. */
  walkReused: boolean;
  /** Files parsed, and why: not seen before, content changed, or the whole cache started afresh. */
  extracted: number;
  why: { new: number; changed: number; reset: number };
  /** Why the cache started afresh: the parts of its key that changed, or what was wrong with its file. */
  reset?: string;
  /** A problem writing the cache (the results are not affected). */
  problem?: string;
}

/** A `--since REF` scan: findings and applications narrowed to what changed since the merge base. */
export interface SinceScope {
  ref: string;
  mergeBase: string;
  /** Changed files under the root (repository-relative to it, `/`), deleted ones included. */
  files: string[];
}

export interface ScanResult {
  root: string;
  files: FileFacts[];
  findings: Finding[];
  apps: AppResult[];
  skipped: Skip[];
  /** Files that parsed with syntax errors (analysed where possible); the first error of each. */
  parseErrors: ParseErrorNote[];
  stats: ScanStats;
  /**
   * Set by `since`: `findings` are those in changed files, `apps` those holding a changed file (judged on
   * all their files), `files` the facts of those applications.
   */
  since?: SinceScope;
  /** Set when compared with a baseline (`scan({ baseline })`): findings carry `baselineState`. */
  baseline?: BaselineComparison;
}
