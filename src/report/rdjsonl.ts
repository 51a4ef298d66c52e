import { activeFindings, type ScanResult, type Severity } from '../model/index.js';

const SEVERITY: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/** reviewdog's rdjsonl: one diagnostic per line, for `reviewdog -f=rdjsonl` in PR checks. */
export function rdjsonlReport(result: ScanResult): string {
  return activeFindings(result.findings)
    .map((f) =>
      JSON.stringify({
        message: f.message,
        location: {
          path: f.file,
          range: {
            start: { line: f.range.start.line, column: f.range.start.column },
            end: { line: f.range.end.line, column: f.range.end.column },
          },
        },
        severity: SEVERITY[f.severity],
        source: { name: 'kms-codemod' },
        code: { value: f.ruleId },
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
