import type { RuleSetting } from '../config/config.js';
import { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
import type { AppAnalysis, Finding, SuppressionDirective } from '../model/index.js';
import { invalidSuppression, RULES } from '../rules/index.js';
import { silenceFindings } from '../suppressions/index.js';
import { compareFindings } from './run-rules.js';

const INVALID = 'invalid-suppression';
/** Rules a scan runs, whose suppressions it can tell are unused. */
const SCAN_RULES = new Set(RULES.map((r) => r.meta.id).filter((id) => id !== INVALID));
/** migrate's ids are valid in a suppression too: migrate honours them, scan leaves them alone. */
const KNOWN_RULES = new Set<string>([...SCAN_RULES, INVALID, ...Object.values(MIGRATE_RULES)]);

/**
 * The scan's suppression pass: silences findings by their files' suppression comments, and reports
 * (as `invalid-suppression`) each rule id a comment names that is no rule, or that is a scan rule
 * with no finding there to silence, as ESLint's --report-unused-disable-directives does. Returns
 * every finding, sorted.
 */
export function applySuppressions(
  apps: readonly AppAnalysis[],
  findings: Finding[],
  settings: Record<string, RuleSetting>,
): Finding[] {
  const byFile = new Map<string, readonly SuppressionDirective[]>();
  for (const app of apps)
    for (const f of app.files) if (f.suppressions?.length) byFile.set(f.file, f.suppressions);
  if (byFile.size === 0) return findings;
  const used = silenceFindings(findings, (file) => byFile.get(file));
  const setting = settings[INVALID];
  if (setting === 'off') return findings;
  const out = [...findings];
  for (const app of apps) {
    for (const file of app.files) {
      for (const d of file.suppressions ?? []) {
        for (const id of d.ruleIds) {
          const why = !KNOWN_RULES.has(id)
            ? 'unknown-rule'
            : SCAN_RULES.has(id) && !used.get(d)?.has(id)
              ? 'unused'
              : undefined;
          if (!why) continue;
          const finding = invalidSuppression(app, file, d, why, id);
          if (setting) finding.severity = setting;
          out.push(finding);
        }
      }
    }
  }
  return out.sort(compareFindings);
}
