import {
  CHECK_IDS,
  type CheckEvidence,
  type CheckId,
  type CheckStatus,
  type SampleRunResult,
  type VerifyReport,
} from '../types.js';

export const CHECK_TITLES: Record<CheckId, string> = {
  'legacy-run': 'legacy',
  migrate: 'migrate',
  build: 'build',
  'migrated-run': 'migrated',
  'results-equal': 'results',
  'old-ciphertexts': 'old-ct',
  'gateway-calls': 'gateway',
  'scan-verdict': 'scan',
  'blocked-call': 'blocked',
  'tls-verified': 'tls',
};

export function statusOf(r: SampleRunResult, id: CheckId): CheckStatus | undefined {
  return r.checks.find((c) => c.id === id)?.status;
}

export function totalMs(r: SampleRunResult): number {
  return r.timings.reduce((a, t) => a + t.ms, 0);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export interface FailedCheck {
  where: string;
  id: CheckId;
  message: string;
  evidence?: CheckEvidence;
}

/** Every failed check with its sample and profile, in table order. */
export function failures(report: VerifyReport): FailedCheck[] {
  const out: FailedCheck[] = [];
  for (const r of report.results) {
    for (const id of CHECK_IDS) {
      const c = r.checks.find((x) => x.id === id);
      if (c?.status === 'fail')
        out.push({ where: `${r.sample} [${r.profile}]`, id, message: c.message, evidence: c.evidence });
    }
  }
  return out;
}

/** Summed time per step over the matrix (builds are shared between profiles, so counted once). */
export function stepTotals(report: VerifyReport): [string, number][] {
  const sums = new Map<string, number>();
  const seenShared = new Set<string>();
  for (const r of report.results) {
    for (const t of r.timings) {
      const shared = ['scan', 'migrate', 'build-legacy', 'build-migrated'].includes(t.step);
      if (shared) {
        const key = `${r.sample}:${t.step}`;
        if (seenShared.has(key)) continue;
        seenShared.add(key);
      }
      sums.set(t.step, (sums.get(t.step) ?? 0) + t.ms);
    }
  }
  return [...sums.entries()];
}
