import { dirname, relative, sep } from 'node:path';
import { activeFindings, type Finding } from '../model/finding.js';
import { isTestFile } from '../model/test-files.js';
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

/** A finding on one line, and the reasons it carries (a blocked application's) as a list under it. */
function findingLines(f: Finding): string {
  const head = `  ${f.file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.ruleId}] ${f.message}\n`;
  const reasons = Array.isArray(f.data?.reasons) ? (f.data.reasons as string[]) : [];
  return head + reasons.map((r) => `      - ${r}\n`).join('');
}

/** Findings, those in test files last under their own heading. */
function findingSection(title: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const code = findings.filter((f) => !isTestFile(f.file));
  const tests = findings.filter((f) => isTestFile(f.file));
  let out = `\n${title} (${findings.length}):\n${code.map(findingLines).join('')}`;
  if (tests.length) out += `  in test files:\n${tests.map((f) => `  ${findingLines(f)}`).join('')}`;
  return out;
}

/** The files a run changes (or would), one `<verb> <file>` line each, test files apart under their own heading. */
function fileList(verb: string, files: readonly string[]): string {
  const code = files.filter((f) => !isTestFile(f));
  const tests = files.filter((f) => isTestFile(f));
  let out = code.map((f) => `${verb} ${f}\n`).join('');
  if (tests.length)
    out += `${code.length ? '\n' : ''}test files:\n${tests.map((f) => `${verb} ${f}\n`).join('')}`;
  return out;
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
  if (opts.wrote) out += fileList('wrote', result.written);
  else if (result.changes.length)
    out += `\n${fileList(
      'would change',
      result.changes.map((c) => c.file),
    )}`;
  // Errors are code left as it was; warnings and infos are about code that was rewritten or needs a
  // step outside the code (start-up flags, a catch clause to review).
  out += notRewritten(result);
  out += findingSection(
    'to check',
    activeFindings(result.unrewritten).filter((f) => f.severity !== 'error'),
  );
  const silenced = result.unrewritten.length - activeFindings(result.unrewritten).length;
  if (silenced) out += `\n${silenced} note(s) suppressed by kms-codemod-ignore comments\n`;
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
  return findingSection(
    'not rewritten',
    activeFindings(result.unrewritten).filter((f) => f.severity === 'error'),
  );
}
