import {
  activeFindings,
  listedFindings,
  type ScanCacheStats,
  type ScanResult,
  type Severity,
} from '../model/index.js';

export interface ReportSummary {
  files: number;
  parsed: number;
  bytes: number;
  /** Findings that count; `suppressed` are those an inline comment silences (listed, never counted). */
  findings: Record<Severity, number> & { total: number; suppressed: number };
  apps: {
    ready: number;
    blocked: number;
    noCodeChange: number;
    incomplete: number;
    nothingToMigrate: number;
  };
  skipped: Record<string, number>;
  parseErrors: number;
  durationMs: number;
  /** What the fact cache did (without its file's path, which is this machine's). */
  cache?: Omit<ScanCacheStats, 'file'>;
  /** Compared with a baseline: findings new since it, accepted by it (not listed), and gone since. */
  baseline?: { new: number; unchanged: number; absent: number };
  /** A `--since` scan: the ref, the merge base it counted from and how many files changed. */
  since?: { ref: string; mergeBase: string; changedFiles: number };
}

/** The sentence every migration report carries: why the applications it lists must change, and by when. */
export const GATEWAY_DEADLINE =
  'After a key moves to a KMS instance, its entry on the shared KMS gateway closes one month later. Every application below that is "ready" or "blocked" must change its code before then; one with "no code change" may need its configuration changed (its reasons say which).';

export interface ToolInfo {
  name: string;
  version: string;
}

function withoutFile({ file: _file, ...rest }: ScanCacheStats): Omit<ScanCacheStats, 'file'> {
  return rest;
}

export function summarize(result: ScanResult): ReportSummary {
  const active = activeFindings(result.findings);
  const findings = {
    error: 0,
    warning: 0,
    info: 0,
    total: active.length,
    suppressed: listedFindings(result.findings).filter((f) => f.suppressed).length,
  };
  for (const f of active) findings[f.severity]++;
  const apps = { ready: 0, blocked: 0, noCodeChange: 0, incomplete: 0, nothingToMigrate: 0 };
  for (const a of result.apps) {
    if (a.verdict === 'ready') apps.ready++;
    else if (a.verdict === 'blocked') apps.blocked++;
    else if (a.verdict === 'no code change') apps.noCodeChange++;
    else if (a.verdict === 'incomplete') apps.incomplete++;
    else apps.nothingToMigrate++;
  }
  const skipped: Record<string, number> = {};
  for (const s of result.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  return {
    files: result.stats.files,
    parsed: result.stats.parsed,
    bytes: result.stats.bytes,
    findings,
    apps,
    skipped,
    parseErrors: result.parseErrors.length,
    durationMs: result.stats.durationMs,
    ...(result.stats.cache ? { cache: withoutFile(result.stats.cache) } : {}),
    ...(result.baseline
      ? {
          baseline: {
            new: result.baseline.new,
            unchanged: result.baseline.unchanged,
            absent: result.baseline.absent.length,
          },
        }
      : {}),
    ...(result.since
      ? {
          since: {
            ref: result.since.ref,
            mergeBase: result.since.mergeBase,
            changedFiles: result.since.files.length,
          },
        }
      : {}),
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
