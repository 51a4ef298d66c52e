import { dirname, relative, sep } from 'node:path';
import type { Finding } from '../model/finding.js';
import { gitRoot } from '../workspace/git.js';
import { colorDiff, unifiedDiff } from './diff.js';
import type { MigrateResult } from './index.js';

/** The whole dry-run diff, one file after another; with `base`, paths relative to it. */
export function patchOf(result: MigrateResult, base?: string): string {
  return result.changes
    .map((c) => unifiedDiff(base ? relative(base, c.path).split(sep).join('/') : c.file, c.before, c.after))
    .join('');
}

/**
 * Where a patch's paths start, so that `git apply` works from there: the git repository that holds
 * every changed file, else the working directory.
 */
export function patchBase(result: MigrateResult, cwd: string = process.cwd()): string {
  const roots = new Set(result.changes.map((c) => gitRoot(dirname(c.path)) ?? cwd));
  return roots.size === 1 ? [...roots][0] : cwd;
}

function findingLine(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.ruleId}] ${f.message}`;
}

/** Human summary: diff (dry run), what was written, what was left alone and why, reminders. */
export function renderText(
  result: MigrateResult,
  opts: { color: boolean; showDiff: boolean; wrote: boolean; quiet?: boolean },
): string {
  if (opts.quiet) return notRewritten(result);
  let out = '';
  if (opts.showDiff) {
    const diff = patchOf(result);
    out += opts.color ? colorDiff(diff) : diff;
  }
  if (opts.wrote) for (const f of result.written) out += `wrote ${f}\n`;
  // Errors are code left as it was; warnings and infos are about code that was rewritten or needs a
  // step outside the code (start-up flags, a catch clause to review).
  out += notRewritten(result);
  const notes = result.unrewritten.filter((f) => f.severity !== 'error');
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

/** Errors are code left as it was: the one part `--quiet` keeps. */
function notRewritten(result: MigrateResult): string {
  const left = result.unrewritten.filter((f) => f.severity === 'error');
  if (!left.length) return '';
  return `\nnot rewritten (${left.length}):\n${left.map((f) => `  ${findingLine(f)}\n`).join('')}`;
}
