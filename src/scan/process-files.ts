import type { FileFacts, Language } from '../model/index.js';
import { readSource } from '../workspace/read-source.js';
import type { Skip } from '../workspace/skips.js';
import type { SourceEntry } from '../workspace/walk.js';
import { extractFile } from './extract-file.js';

export interface ExtractTask {
  file: string;
  text: string;
  language: Language;
}

export interface ReadResult {
  /** Files that name an SDK literal, decoded, ready to parse. */
  tasks: ExtractTask[];
  skipped: Skip[];
  /** Bytes read (every readable file, parsed or not). */
  bytes: number;
  /** Bytes of the files to parse. */
  taskBytes: number;
}

/** Reads and prefilters every file (cheap: one regex per file) so that only candidates are parsed. */
export function readAll(entries: readonly SourceEntry[], onFile?: (i: number) => void): ReadResult {
  const out: ReadResult = { tasks: [], skipped: [], bytes: 0, taskBytes: 0 };
  entries.forEach((e, i) => {
    const r = readSource(e.abs, e.rel, e.language);
    if (r.kind === 'skip') out.skipped.push(r.skip);
    else {
      out.bytes += r.bytes;
      if (r.kind === 'text') {
        out.tasks.push({ file: e.rel, text: r.text, language: e.language });
        out.taskBytes += r.bytes;
      }
    }
    onFile?.(i);
  });
  return out;
}

export interface ExtractBatchResult {
  facts: FileFacts[];
  skipped: Skip[];
}

/** Extracts one batch of files: the unit of work of the worker pool (one parse per file). */
export async function extractBatch(tasks: readonly ExtractTask[]): Promise<ExtractBatchResult> {
  const out: ExtractBatchResult = { facts: [], skipped: [] };
  for (const t of tasks) {
    const o = await extractFile(t.file, t.text, t.language);
    if (o.ok) out.facts.push(o.facts);
    else out.skipped.push({ file: t.file, reason: o.reason, detail: o.detail });
  }
  return out;
}
