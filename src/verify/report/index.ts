import type { VerifyReport } from '../types.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText, type TextOptions } from './text.js';

export type VerifyFormat = 'text' | 'json' | 'markdown';
export const VERIFY_FORMATS: readonly VerifyFormat[] = ['text', 'json', 'markdown'];

/** The report in a format; `color` and `verbose` concern the text report only. */
export function formatReport(
  report: VerifyReport & { workDir?: string },
  format: VerifyFormat,
  opts: TextOptions = {},
): string {
  if (format === 'json') return formatJson(report);
  if (format === 'markdown') return formatMarkdown(report);
  return formatText(report, opts);
}
