import { readFileSync } from 'node:fs';
import type { Language } from '../model/index.js';
import { mayUseSdk } from './prefilter.js';
import type { Skip } from './skips.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type SourceRead =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'no-sdk'; bytes: number }
  | { kind: 'skip'; skip: Skip };

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/**
 * Reads one source file for analysis: binary and non-UTF-8 files are skipped with a reason, files
 * naming no SDK literal are never decoded. The BOM is kept so offsets match the file on disk.
 */
export function readSource(abs: string, rel: string, language: Language): SourceRead {
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      kind: 'skip',
      skip: { file: rel, reason: 'unreadable', detail: `cannot read (${code}); check its permissions` },
    };
  }
  if (looksBinary(buf)) {
    return {
      kind: 'skip',
      skip: { file: rel, reason: 'binary', detail: 'contains NUL bytes; not a source file' },
    };
  }
  if (!mayUseSdk(language, buf)) return { kind: 'no-sdk', bytes: buf.length };
  try {
    return { kind: 'text', text: utf8.decode(buf), bytes: buf.length };
  } catch {
    return {
      kind: 'skip',
      skip: {
        file: rel,
        reason: 'non-utf8',
        detail: 'not valid UTF-8; re-encode it as UTF-8 to have it scanned',
      },
    };
  }
}
