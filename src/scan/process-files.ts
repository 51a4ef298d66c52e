import type { Language } from '../model/index.js';
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

export interface ReadResult {
  skipped: Skip[];
  /** Bytes read (every readable file, parsed or not). */
  bytes: number;
  /** Files that named an SDK literal (handed to `onCandidate`). */
  candidates: number;
}

/**
 * Reads and prefilters every file (cheap: one regex per file); each file that names an SDK literal
 * goes to `onCandidate` at once, so its parsing can start while the rest is still being read.
 */
export function readAll(
  entries: readonly SourceEntry[],
  maxFileSize: number | undefined,
  onCandidate: (task: ExtractTask) => void,
  onFile?: (i: number) => void,
  /** For files that are not UTF-8: an encoding name, or `auto` (the default: detect). */
  encoding?: string,
): ReadResult {
  const out: ReadResult = { skipped: [], bytes: 0, candidates: 0 };
  const reader = new SourceReader(maxFileSize, encoding);
  entries.forEach((e, i) => {
    const r = reader.read(e.abs, e.rel, e.language);
    if (r.kind === 'skip') out.skipped.push(r.skip);
    else {
      out.bytes += r.bytes;
      if (r.kind === 'text') {
        out.candidates++;
        onCandidate({
          file: e.rel,
          text: r.text,
          language: e.language,
          ...(r.encoding ? { encoding: r.encoding } : {}),
        });
      }
    }
    onFile?.(i);
  });
  return out;
}
