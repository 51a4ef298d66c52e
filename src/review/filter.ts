import type { Finding } from '../model/index.js';
import type { DiffIndex } from './diff-index.js';

/** reviewdog's filter modes (`-filter-mode`), with its names. */
export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** The lines a finding covers; a range that ends at the start of a line does not cover that line. */
export function findingLines(f: Finding): { first: number; last: number } {
  const { start, end } = f.range;
  const last = end.line > start.line && end.column === 1 ? end.line - 1 : end.line;
  return { first: start.line, last };
}

export interface Placement<F extends Finding = Finding> {
  finding: F;
  first: number;
  last: number;
  /** Kept by the filter mode: these decide the exit code and are what every reporter reports. */
  kept: boolean;
  /** Every line of the finding lies in one hunk, so a line comment can anchor on it. */
  inHunk: boolean;
}

function anyLine(first: number, last: number, test: (line: number) => boolean): boolean {
  for (let l = first; l <= last; l++) if (test(l)) return true;
  return false;
}

/**
 * Places each finding against the diff, as reviewdog's filter does: kept when any of its lines
 * passes the mode (an added line; a line of a hunk; a changed file; always), and fit for a line
 * comment only when all its lines lie in one hunk. `dirty` files (work tree ≠ HEAD) never are.
 */
export function placeFindings<F extends Finding>(
  findings: readonly F[],
  diff: DiffIndex,
  mode: FilterMode,
  dirty: ReadonlySet<string> = new Set(),
): Placement<F>[] {
  return findings.map((finding) => {
    const { first, last } = findingLines(finding);
    const path = finding.file;
    let kept: boolean;
    if (mode === 'nofilter') kept = true;
    else if (mode === 'file') kept = diff.hasFile(path);
    else if (mode === 'diff_context') kept = anyLine(first, last, (l) => diff.inHunk(path, l));
    else kept = anyLine(first, last, (l) => diff.isAdded(path, l));
    const inHunk = !dirty.has(path) && diff.sameHunk(path, first, last);
    return { finding, first, last, kept, inHunk };
  });
}
