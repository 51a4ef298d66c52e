import type { FileFacts } from './facts.js';

/** Code digests of one file's fact ranges, keyed by `rangeKey` (src/scan/code-digests.ts). */
export type CodeDigests = Record<string, string>;

/**
 * One file's extraction: its facts with their code digests, or why it could not be analysed. The fact
 * cache stores it as it is, so it lives here, below both the scan that makes it and the cache.
 */
export type ExtractOutcome =
  | { ok: true; facts: FileFacts; digests: CodeDigests }
  | {
      ok: false;
      reason: 'no-parser' | 'extract-failed';
      detail: string;
      /** The thread that had the file died or went silent: another run may succeed (never cached). */
      transient?: boolean;
    };
