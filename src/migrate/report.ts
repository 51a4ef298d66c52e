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
  if (result.unrewritten.length) {
    out += `\nnot rewritten (${result.unrewritten.length}):\n`;
    for (const f of result.unrewritten) out += `  ${findingLine(f)}\n`;
  }
  if (result.reminders.length) {
    out += '\nreminders:\n';
    for (const r of result.reminders) out += `  ${r}\n`;
  }
  const n = result.changes.length;
  out += `\n${n} file(s) ${opts.wrote ? 'changed' : 'would change'}${opts.wrote ? '' : ' (dry run; pass --write to apply)'}\n`;
  return out;
}
