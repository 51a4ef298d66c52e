import { listedFindings, type ScanResult } from '../model/index.js';
import { summarize, type ToolInfo } from './summary.js';

/**
 * The JSON report other tools read (ARCHITECTURE.md): `{ tool, findings, summary }`, plus apps and
 * skips, and `extra` (the CLI adds what `plan --scans` reads: the repository, the scope, the key
 * references).
 */
export function jsonReport(result: ScanResult, tool: ToolInfo, extra?: Record<string, unknown>): string {
  const { plan, ...head } = extra ?? {};
  return `${JSON.stringify(
    {
      tool,
      ...head,
      // Those a baseline accepts are left out: the report is what is new (SARIF lists them, marked).
      findings: listedFindings(result.findings),
      summary: summarize(result),
      apps: result.apps,
      skipped: result.skipped,
      parseErrors: result.parseErrors,
      ...(plan === undefined ? {} : { plan }),
    },
    null,
    2,
  )}\n`;
}
