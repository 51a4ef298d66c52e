import type { Severity } from '../model/index.js';
import { findingLines } from './filter.js';
import type { Fingerprinted } from './review-plan.js';

/** GitLab's Code Quality severities. */
const SEVERITY: Record<Severity, 'critical' | 'major' | 'info'> = {
  error: 'critical',
  warning: 'major',
  info: 'info',
};

/** The file name GitLab's `artifacts:reports:codequality` examples use. */
export const GITLAB_REPORT_FILE = 'gl-code-quality-report.json';

/**
 * A GitLab Code Quality report (the CodeClimate subset GitLab reads): one issue per finding, with
 * the stable fingerprint, so GitLab's merge-request widget matches findings across pipelines.
 */
export function gitlabReport(findings: readonly Fingerprinted[]): string {
  const issues = findings.map((f) => {
    const { first, last } = findingLines(f);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      categories: [f.ruleId === 'hardcoded-credential' ? 'Security' : 'Compatibility'],
      severity: SEVERITY[f.severity],
      fingerprint: f.fingerprint,
      location: { path: f.file, lines: { begin: first, end: last } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
