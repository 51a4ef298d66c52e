import type { BaselineEntry } from '../model/index.js';

export type { BaselineComparison, BaselineEntry } from '../model/index.js';

/** A baseline: the findings an earlier scan reported, by fingerprint (src/model/fingerprint.ts). */
export interface Baseline {
  /** Where it was read from, for messages. */
  source?: string;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: unreadable, not a report of ours, or without fingerprints. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** What `--write-baseline` writes: sorted, stable JSON, so its diffs review cleanly. */
export interface BaselineFile {
  kmsCodemodBaseline: 1;
  tool: { name: string; version: string };
  findings: BaselineEntry[];
}
