import type { TextEdit } from './edit.js';
import type { Language } from './language.js';
import type { Range } from './range.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface Fix {
  title: string;
  /** Edits on the finding's own file. */
  edits: TextEdit[];
  /**
   * Edits on other files that belong to the same fix (an application's build manifests, Go files whose
   * `*kms.Client` types change with it). `file` is repository-relative with `/`, like `Finding.file`.
   */
  otherFiles?: { file: string; edits: TextEdit[] }[];
}

/** The contract every reporter, the LSP server and the PR bot read (ARCHITECTURE.md). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Repository-relative path with `/` separators. */
  file: string;
  range: Range;
  language: Language;
  /** Repository-relative directory of the application the file belongs to ('.' for the root). */
  app?: string;
  fix?: Fix;
  /** Rule-specific structured data (never secrets), e.g. { action: 'Encrypt', servedBy: 'instance' }. */
  data?: Record<string, unknown>;
  /**
   * Stable identity across runs (src/model/fingerprint.ts): rule, path, normalised matched code and
   * occurrence, never the line. Set by `scan`, `analyzeText` and `migrate`.
   */
  fingerprint?: string;
  /** Set when an inline `kms-codemod-ignore-*` comment silences the finding: reported, never counted. */
  suppressed?: FindingSuppression;
  /** Set when the scan was compared with a baseline: `unchanged` ones are accepted (SARIF only lists them). */
  baselineState?: 'new' | 'unchanged';
}

/** Where and why a finding was silenced (SARIF `suppressions`, kind `inSource`). */
export interface FindingSuppression {
  kind: 'inline';
  /** Line of the suppression comment. */
  line: number;
  /** The text after ` -- ` in the comment, if any. */
  reason?: string;
}

/**
 * Findings that count (exit codes, summaries, PR comments): those no inline comment silences and no
 * baseline accepts.
 */
export function activeFindings<F extends Finding>(findings: readonly F[]): F[] {
  return findings.filter((f) => !f.suppressed && f.baselineState !== 'unchanged');
}

/** Findings a report lists: all but those a baseline accepts (silenced ones are listed, marked). */
export function listedFindings<F extends Finding>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.baselineState !== 'unchanged');
}
