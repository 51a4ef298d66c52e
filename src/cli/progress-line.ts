import type { ScanProgress } from '../scan/index.js';

export interface ProgressLine {
  onProgress(p: ScanProgress): void;
  /** Erases the line, if one was drawn, before the report is written. */
  clear(): void;
}

/** The part of a stream the line needs; process.stderr in the CLI. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A quick scan shows nothing: the line would only flicker. */
const SHOW_AFTER_MS = 1000;
/** Redraws are capped: a terminal fed one line per parsed file slows the scan that feeds it. */
const REDRAW_EVERY_MS = 100;

/** One self-overwriting progress line, only on a terminal and only once the scan has run for a second. */
export function progressLine(
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): ProgressLine {
  if (!stream.isTTY) return { onProgress: () => {}, clear: () => {} };
  const started = now();
  let drawnAt: number | undefined;
  return {
    onProgress(p) {
      const t = now();
      if (t - started < SHOW_AFTER_MS) return;
      const last = p.total > 0 && p.done === p.total;
      if (!last && drawnAt !== undefined && t - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = t;
      stream.write(`\r\x1b[K${describe(p)}…`);
    },
    clear() {
      if (drawnAt !== undefined) stream.write('\r\x1b[K');
    },
  };
}

function describe(p: ScanProgress): string {
  if (p.phase === 'walk') return `finding files: ${p.done} so far`;
  return `${p.phase === 'read' ? 'reading' : 'parsing'} ${p.done}/${p.total} files`;
}
