import { listedFindings, type ScanResult } from '../model/index.js';
import { summarize, type ToolInfo } from './summary.js';

/** The JSON report other tools read (ARCHITECTURE.md): `{ tool, findings, summary }`, plus apps and skips. */
export function jsonReport(result: ScanResult, tool: ToolInfo): string {
  return `${JSON.stringify(
    {
      tool,
      // Those a baseline accepts are left out: the report is what is new (SARIF lists them, marked).
      findings: listedFindings(result.findings),
      summary: summarize(result),
      apps: result.apps,
      skipped: result.skipped,
      parseErrors: result.parseErrors,
    },
    null,
    2,
  )}\n`;
}
