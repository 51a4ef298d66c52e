import type { Finding } from '../model/index.js';
import type { BaselineEntry, BaselineFile } from './baseline.js';

const byPlace = (a: BaselineEntry, b: BaselineEntry): number =>
  a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : 1);

/**
 * The baseline file for these findings (those no comment silences): one entry per finding, sorted by
 * place, no timestamps, so rewriting it after a change shows only what changed.
 */
export function baselineFile(findings: readonly Finding[], tool: { name: string; version: string }): string {
  const entries = findings
    .filter((f) => !f.suppressed && f.fingerprint !== undefined)
    .map(
      (f): BaselineEntry => ({
        fingerprint: f.fingerprint ?? '',
        ruleId: f.ruleId,
        file: f.file,
        line: f.range.start.line,
        severity: f.severity,
        message: f.message,
      }),
    )
    .sort(byPlace);
  const file: BaselineFile = { kmsCodemodBaseline: 1, tool, findings: entries };
  return `${JSON.stringify(file, null, 2)}\n`;
}
