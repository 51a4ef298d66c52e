import type { VerifyReport } from '../types.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';

export type VerifyFormat = 'text' | 'json' | 'markdown';
export const VERIFY_FORMATS: readonly VerifyFormat[] = ['text', 'json', 'markdown'];

export function formatReport(report: VerifyReport & { workDir?: string }, format: VerifyFormat): string {
  if (format === 'json') return formatJson(report);
  if (format === 'markdown') return formatMarkdown(report);
  return formatText(report);
}
