import type { ScanResult } from '../model/index.js';
import { jsonReport } from './json.js';
import { markdownReport } from './markdown.js';
import { rdjsonlReport } from './rdjsonl.js';
import { sarifReport } from './sarif.js';
import type { ToolInfo } from './summary.js';
import { textReport } from './text.js';

export { jsonReport } from './json.js';
export { markdownReport } from './markdown.js';
export { rdjsonlReport } from './rdjsonl.js';
export { sarifReport } from './sarif.js';
export { GATEWAY_DEADLINE, type ReportSummary, summarize, type ToolInfo } from './summary.js';
export { textReport } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'rdjsonl'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function formatReport(
  format: ReportFormat,
  result: ScanResult,
  opts: { tool: ToolInfo; color?: boolean; verbose?: boolean; extra?: Record<string, unknown> },
): string {
  switch (format) {
    case 'json':
      return jsonReport(result, opts.tool, opts.extra);
    case 'sarif':
      return sarifReport(result, opts.tool);
    case 'markdown':
      return markdownReport(result, opts.tool);
    case 'rdjsonl':
      return rdjsonlReport(result);
    default:
      return textReport(result, { color: opts.color ?? false, verbose: opts.verbose });
  }
}
