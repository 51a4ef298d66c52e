import type { FileFacts } from '../model/index.js';
import { readSource } from '../workspace/read-source.js';
import type { Skip } from '../workspace/skips.js';
import type { SourceEntry } from '../workspace/walk.js';
import { extractFile } from './extract-file.js';

export interface BatchResult {
  facts: FileFacts[];
  skipped: Skip[];
  /** Bytes read (every readable file, parsed or not). */
  bytes: number;
}

/**
 * Reads, prefilters and extracts one batch of files: the unit of work of the worker pool, so that
 * reading (the larger cost on a big repository) is spread over the cores as well as parsing.
 */
export async function processBatch(entries: readonly SourceEntry[]): Promise<BatchResult> {
  const out: BatchResult = { facts: [], skipped: [], bytes: 0 };
  for (const e of entries) {
    const r = readSource(e.abs, e.rel, e.language);
    if (r.kind === 'skip') {
      out.skipped.push(r.skip);
      continue;
    }
    out.bytes += r.bytes;
    if (r.kind !== 'text') continue;
    const o = await extractFile(e.rel, r.text, e.language);
    if (o.ok) out.facts.push(o.facts);
    else out.skipped.push({ file: e.rel, reason: o.reason, detail: o.detail });
  }
  return out;
}
