import type { RuleSetting } from '../config/config.js';
import { type Finding, SEVERITY_RANK } from '../model/index.js';
import { RULES } from '../rules/index.js';
import type { AppAnalysis } from './app-pass.js';

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Every rule over every application, with the configured severities: a configured severity replaces
 * the rule's own (including its per-finding choice, e.g. "already migrated" infos); 'off' drops it.
 */
export function runRules(apps: readonly AppAnalysis[], settings: Record<string, RuleSetting>): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const setting = settings[rule.meta.id];
    if (setting === 'off') continue;
    for (const app of apps) {
      for (const f of rule.check(app)) {
        if (setting) f.severity = setting;
        out.push(f);
      }
    }
  }
  return out.sort(compareFindings);
}
