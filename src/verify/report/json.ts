import { toolVersion } from '../../cache/versions.js';
import type { VerifyReport } from '../types.js';

export function formatJson(report: VerifyReport & { workDir?: string }): string {
  const { workDir, ...rest } = report;
  const kept = report.results.some((r) => r.workDir);
  return `${JSON.stringify({ tool: { name: 'kms-codemod', version: toolVersion() }, ...rest, ...(kept ? { workDir } : {}) }, null, 2)}\n`;
}
