import { contentHash, type FactCache } from '../cache/fact-cache.js';
import type { ExtractOutcome, Language } from '../model/index.js';
import { SourceReader } from '../workspace/read-source.js';
import type { Skip } from '../workspace/skips.js';
import type { SourceEntry } from '../workspace/walk.js';

export interface ExtractTask {
  file: string;
  text: string;
  language: Language;
  /** Set when the file is not UTF-8: the encoding it was read in. */
  encoding?: string;
}

/** What the fact cache needs to store a candidate's outcome once it is extracted. */
export interface CacheNote {
  hash: string;
  stat: { size: number; mtimeMs: number } | undefined;
}

export interface ReadHooks {
  /** A file that names an SDK literal and must be parsed (with what the cache needs, when there is one). */
  onCandidate(task: ExtractTask, cacheNote?: CacheNote): void;
  /** A candidate whose outcome the cache holds for its unchanged content: not parsed again. */
  onCached(file: string, outcome: ExtractOutcome): void;
  onFile?(i: number): void;
}

export interface ReadResult {
  skipped: Skip[];
  /** Bytes of every readable file (parsed or not; from the cache's sizes when not read). */
  bytes: number;
  /** Files that named an SDK literal (handed to `onCandidate` or `onCached`). */
  candidates: number;
}

/**
 * Reads and prefilters every file (cheap: one regex per file); each file that names an SDK literal
 * goes to `onCandidate` at once, so its parsing can start while the rest is still being read. With a
 * fact cache, a file it vouches for by size and mtime is not read at all, and a candidate whose
 * content hash it knows is not parsed.
 */
export function readAll(
  entries: readonly SourceEntry[],
  maxFileSize: number | undefined,
  hooks: ReadHooks,
  cache?: FactCache,
  /** For files that are not UTF-8: an encoding name, or `auto` (the default: detect). */
  encoding?: string,
): ReadResult {
  const out: ReadResult = { skipped: [], bytes: 0, candidates: 0 };
  const reader = new SourceReader(maxFileSize, encoding);
  entries.forEach((e, i) => {
    const known = cache?.unchanged(e.rel, e.abs);
    if (known) {
      if (known.length === 3) out.skipped.push(known[2]);
      else {
        out.bytes += known[0];
        if (known.length === 4) {
          out.candidates++;
          hooks.onCached(e.rel, known[3]);
        }
      }
      hooks.onFile?.(i);
      return;
    }
    cache?.noteRead();
    const r = reader.read(e.abs, e.rel, e.language);
    const stat = reader.lastStat;
    if (r.kind === 'skip') {
      out.skipped.push(r.skip);
      cache?.recordSkip(e.rel, stat, r.skip);
    } else {
      out.bytes += r.bytes;
      if (r.kind === 'no-sdk') cache?.recordPlain(e.rel, stat);
      else {
        out.candidates++;
        const task: ExtractTask = {
          file: e.rel,
          text: r.text,
          language: e.language,
          ...(r.encoding ? { encoding: r.encoding } : {}),
        };
        if (!cache) hooks.onCandidate(task);
        else {
          const hash = contentHash(r.text);
          const outcome = stat && cache.sameContent(e.rel, stat, hash);
          if (outcome) hooks.onCached(e.rel, outcome);
          else hooks.onCandidate(task, { hash, stat });
        }
      }
    }
    hooks.onFile?.(i);
  });
  return out;
}
