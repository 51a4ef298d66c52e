import { dirname, relative, sep } from 'node:path';
import { activeFindings, type Finding } from '../model/finding.js';
import { isTestFile } from '../model/test-files.js';
import { GitError, gitRoot } from '../workspace/git.js';
import { encodeSource } from '../workspace/source-encoding.js';
import { colorDiff, unifiedDiff } from './diff.js';
import type { AppBuild, MigrateResult } from './index.js';
import type { FileChange } from './plan-migration.js';

/** A changed file's path in a patch: relative to `base` when given, else as shown. */
function patchPath(c: FileChange, base?: string): string {
  return base ? relative(base, c.path).split(sep).join('/') : c.file;
}

/**
 * The patch `git apply` takes: every file's diff, paths relative to `base` when given, each in the
 * file's own encoding (a GBK file's context lines must match its bytes). Credentials stay as they
 * are, or the patch would not apply.
 */
export function patchOf(result: Pick<MigrateResult, 'changes'>, base?: string): Buffer {
  return Buffer.concat(
    result.changes.map((c) => encodeSource(unifiedDiff(patchPath(c, base), c.before, c.after), c.encoding)),
  );
}

/**
 * Where a patch's paths start, so that `git apply` works from there: the git repository that holds
 * every changed file, else the working directory (also when git cannot tell: the patch still applies
 * from there).
 */
export function patchBase(result: Pick<MigrateResult, 'changes'>, cwd: string = process.cwd()): string {
  const root = (dir: string) => {
    try {
      return gitRoot(dir) ?? cwd;
    } catch (err) {
      if (err instanceof GitError) return cwd;
      throw err;
    }
  };
  const roots = new Set(result.changes.map((c) => root(dirname(c.path))));
  return roots.size === 1 ? [...roots][0] : cwd;
}

const REDACTED = '<redacted>';

/** The values of a file's credential literals, without their quotes. */
function secretValues(c: FileChange): string[] {
  const values = (c.secrets ?? []).map(([start, end]) =>
    c.before.slice(start, end).replace(/^(['"`])([\s\S]*)\1$/, '$2'),
  );
  // Longest first, so that a secret containing another is hidden whole.
  return [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
}

/** A file's diff for the screen: hard-coded credentials in its context lines are hidden, as scan hides them. */
export function shownDiff(c: FileChange): string {
  let diff = unifiedDiff(c.file, c.before, c.after);
  for (const v of secretValues(c)) diff = diff.split(v).join(REDACTED);
  return diff;
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

/** One application's build check; a failure's compiler output is in its finding. */
function buildLine(b: AppBuild): string {
  const app = relative(process.cwd(), b.app) || '.';
  if (b.status === 'skipped') return `build ${app} (${b.language}): not checked: ${b.detail}`;
  const ran = b.commands.join(' && ');
  return b.status === 'passed'
    ? `build ${app} (${b.language}): ok: ${ran}`
    : `build ${app} (${b.language}): FAILED: ${ran}; ${b.restored.length} file(s) put back`;
}

/** Human summary: diff (dry run), what was written, what was left alone and why, reminders. */
export function renderText(
  result: MigrateResult,
  opts: { color: boolean; showDiff: boolean; wrote: boolean; quiet?: boolean },
): string {
  if (opts.quiet) return notRewritten(result);
  let out = '';
  for (const r of result.recovered) {
    const how = r.direction === 'forward' ? 'finished' : 'undone';
    out += `an interrupted migrate --write was ${how} first (${r.files.length} file(s)): ${r.journal}\n`;
  }
  if (opts.showDiff) {
    const diff = result.changes.map(shownDiff).join('');
    out += opts.color ? colorDiff(diff) : diff;
  }
  if (opts.wrote) out += fileList('wrote', result.written);
  else if (result.changes.length)
    out += `\n${fileList(
      'would change',
      result.changes.map((c) => c.file),
    )}`;
  for (const b of result.builds ?? []) out += `${buildLine(b)}\n`;
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
  if (!opts.wrote) out += `\n${n} file(s) would change (dry run; pass --write to apply)\n`;
  else if (result.writeFailed) out += `\nnothing was written (${n} file(s) pending)\n`;
  // The files actually on disk, never the files planned (an application put back after a failed build is not counted).
  else out += `\n${result.written.length} file(s) changed\n`;
  return out;
}

/** Errors are code left as it was: the one part `--quiet` keeps. */
function notRewritten(result: MigrateResult): string {
  return findingSection(
    'not rewritten',
    activeFindings(result.unrewritten).filter((f) => f.severity === 'error'),
  );
}
