import type { Severity } from './finding.js';

/** One finding a baseline accepts: matched by fingerprint, the rest kept to show it when it is gone. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  severity: Severity;
  message: string;
}

/** What a baseline made of a scan's findings (SARIF's `baselineState`; src/baseline/). */
export interface BaselineComparison {
  /** Where the baseline was read from. */
  source?: string;
  new: number;
  unchanged: number;
  /** Baseline findings no longer found (fixed, or their code changed), within what was scanned. */
  absent: BaselineEntry[];
}
