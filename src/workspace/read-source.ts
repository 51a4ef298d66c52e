import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Language } from '../model/index.js';
import { mayUseSdk } from './prefilter.js';
import type { Skip } from './skips.js';
import { decodeSource } from './source-encoding.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export type SourceRead =
  /** `encoding` is set when the file is not UTF-8 (src/workspace/source-encoding.ts). */
  | { kind: 'text'; text: string; bytes: number; encoding?: string }
  | { kind: 'no-sdk'; bytes: number }
  | { kind: 'skip'; skip: Skip };

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/**
 * Reads source files for analysis: binary and too-large files, and files that decode in no encoding,
 * are skipped with a reason; files naming no SDK literal are never decoded. A file that is not UTF-8 is
 * read in its configured or detected encoding. The BOM is kept so offsets match the file on disk.
 *
 * The size comes from the open file (the walk does not stat every file), and every file is read into
 * one buffer reused across calls: nearly all files are only prefiltered and dropped, so allocating a
 * buffer for each would mostly feed the garbage collector.
 */
export class SourceReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  /** Size and mtime of the file last read, from the same `fstat` (the fact cache keys on them). */
  lastStat: { size: number; mtimeMs: number } | undefined;

  constructor(
    private readonly maxSize = DEFAULT_MAX_FILE_SIZE,
    /** For files that are not UTF-8: an encoding name, or `auto` (detect). */
    private readonly encoding?: string,
  ) {}

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
    const candidate = mayUseSdk(language, buf);
    // A NUL byte makes a file binary only when it names no SDK: a bundle with a NUL in a string is
    // still source, and skipping it would hide its KMS client.
    if (!candidate && looksBinary(buf)) {
      return {
        kind: 'skip',
        skip: { file: rel, reason: 'binary', detail: 'contains NUL bytes; not a source file' },
      };
    }
    if (!candidate) return { kind: 'no-sdk', bytes: length };
    const decoded = decodeSource(buf, this.encoding);
    if (!decoded.ok) return { kind: 'skip', skip: { file: rel, reason: 'non-utf8', detail: decoded.detail } };
    return {
      kind: 'text',
      text: decoded.text,
      bytes: length,
      ...(decoded.encoding ? { encoding: decoded.encoding } : {}),
    };
  }
}

function unreadable(rel: string, err: unknown): SourceRead {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return {
    kind: 'skip',
    skip: { file: rel, reason: 'unreadable', detail: `cannot read (${code}); check its permissions` },
  };
}
