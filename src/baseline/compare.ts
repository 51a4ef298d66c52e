import type { BaselineComparison, Finding } from '../model/index.js';
import type { Baseline } from './baseline.js';

/**
 * Marks each finding `new` or `unchanged` by its fingerprint, and lists the baseline's findings that
 * are gone. `inScope` limits those to files the scan looked at (a `--since` scan looks at a few).
 */
export function compareWithBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  inScope: (file: string) => boolean = () => true,
): BaselineComparison {
  const known = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const seen = new Set<string>();
  let unchanged = 0;
  for (const f of findings) {
    if (f.fingerprint !== undefined && known.has(f.fingerprint)) {
      f.baselineState = 'unchanged';
      seen.add(f.fingerprint);
      unchanged++;
    } else f.baselineState = 'new';
  }
  const absent = baseline.entries.filter((e) => !seen.has(e.fingerprint) && inScope(e.file));
  return { source: baseline.source, new: findings.length - unchanged, unchanged, absent };
}
