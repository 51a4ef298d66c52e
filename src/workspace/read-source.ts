import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Language } from '../model/index.js';
import { mayUseSdk } from './prefilter.js';
import type { Skip } from './skips.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

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
 * Reads source files for analysis: binary, non-UTF-8 and too-large files are skipped with a reason,
 * files naming no SDK literal are never decoded. The BOM is kept so offsets match the file on disk.
 *
 * The size comes from the open file (the walk does not stat every file), and every file is read into
 * one buffer reused across calls: nearly all files are only prefiltered and dropped, so allocating a
 * buffer for each would mostly feed the garbage collector.
 */
export class SourceReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  /** Size and mtime of the file last read, from the same `fstat` (the fact cache keys on them). */
  lastStat: { size: number; mtimeMs: number } | undefined;

  constructor(private readonly maxSize = DEFAULT_MAX_FILE_SIZE) {}

  private tooLarge(rel: string, size: number): SourceRead {
    return {
      kind: 'skip',
      skip: {
        file: rel,
        reason: 'too-large',
        detail: `${size} bytes is over the ${this.maxSize}-byte limit; raise it with --max-file-size`,
      },
    };
  }

  read(abs: string, rel: string, language: Language): SourceRead {
    let fd: number;
    this.lastStat = undefined;
    try {
      fd = openSync(abs, 'r');
    } catch (err) {
      return unreadable(rel, err);
    }
    let length = 0;
    try {
      const st = fstatSync(fd);
      const size = st.size;
      this.lastStat = { size, mtimeMs: st.mtimeMs };
      if (size > this.maxSize) return this.tooLarge(rel, size);
      // One byte of room past the stat size shows a file that grew since: it is read to the end.
      if (this.buffer.length < size + 1)
        this.buffer = Buffer.allocUnsafe(Math.max(size + 1, this.buffer.length * 2));
      for (;;) {
        if (length === this.buffer.length) {
          if (length >= this.maxSize) break;
          const bigger = Buffer.allocUnsafe(Math.min(this.maxSize + 1, length * 2));
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) break;
        length += n;
      }
    } catch (err) {
      return unreadable(rel, err);
    } finally {
      closeSync(fd);
    }
    if (length > this.maxSize) return this.tooLarge(rel, length);
    const buf = this.buffer.subarray(0, length);
    if (looksBinary(buf)) {
      return {
        kind: 'skip',
        skip: { file: rel, reason: 'binary', detail: 'contains NUL bytes; not a source file' },
      };
    }
    if (!mayUseSdk(language, buf)) return { kind: 'no-sdk', bytes: length };
    try {
      return { kind: 'text', text: utf8.decode(buf), bytes: length };
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
}

function unreadable(rel: string, err: unknown): SourceRead {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return {
    kind: 'skip',
    skip: { file: rel, reason: 'unreadable', detail: `cannot read (${code}); check its permissions` },
  };
}
