import type { AppAnalysis, Finding, Severity } from '../model/index.js';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, for SARIF `shortDescription` and the rule list. */
  title: string;
  /** Why the rule exists, for SARIF `fullDescription`. */
  description: string;
}

/** A rule turns the facts of one application into findings (ARCHITECTURE.md). */
export interface Rule {
  meta: RuleMeta;
  check(app: AppAnalysis): Finding[];
}
