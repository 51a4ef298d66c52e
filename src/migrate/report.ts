import type { Finding } from '../model/finding.js';
import { colorDiff, unifiedDiff } from './diff.js';
import type { MigrateResult } from './index.js';

/** The whole dry-run diff, one file after another. */
export function patchOf(result: MigrateResult): string {
  return result.changes.map((c) => unifiedDiff(c.file, c.before, c.after)).join('');
}

function findingLine(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.ruleId}] ${f.message}`;
}

/** Human summary: diff (dry run), what was written, what was left alone and why, reminders. */
export function renderText(
  result: MigrateResult,
  opts: { color: boolean; showDiff: boolean; wrote: boolean },
): string {
  let out = '';
  if (opts.showDiff) {
    const diff = patchOf(result);
    out += opts.color ? colorDiff(diff) : diff;
  }
  if (opts.wrote) for (const f of result.written) out += `wrote ${f}\n`;
  // Errors are code left as it was; warnings and infos are about code that was rewritten or needs a
  // step outside the code (start-up flags, a catch clause to review).
  const left = result.unrewritten.filter((f) => f.severity === 'error');
  const notes = result.unrewritten.filter((f) => f.severity !== 'error');
  if (left.length) {
    out += `\nnot rewritten (${left.length}):\n`;
    for (const f of left) out += `  ${findingLine(f)}\n`;
  }
  if (notes.length) {
    out += `\nto check (${notes.length}):\n`;
    for (const f of notes) out += `  ${findingLine(f)}\n`;
  }
  if (result.reminders.length) {
    out += '\nreminders:\n';
    for (const r of result.reminders) out += `  ${r}\n`;
  }
  const n = result.changes.length;
  out += `\n${n} file(s) ${opts.wrote ? 'changed' : 'would change'}${opts.wrote ? '' : ' (dry run; pass --write to apply)'}\n`;
  return out;
}
