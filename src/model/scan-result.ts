import type { AppResult } from './app.js';
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
}
