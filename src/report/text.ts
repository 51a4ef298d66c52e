import {
  activeFindings,
  type Finding,
  isTestFile,
  leavesAppIncomplete,
  type ScanCacheStats,
  type ScanResult,
  type Severity,
} from '../model/index.js';
import { plural, summarize } from './summary.js';

const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  underline: '\x1b[4m',
  reset: '\x1b[0m',
};
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

/** ESLint-stylish text: findings grouped by file, then application verdicts and what was skipped. */
/** `--verbose`: what the fact cache did, and why files were parsed again. */
function cacheLine(cache: ScanCacheStats): string {
  const why = Object.entries(cache.why)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  return `Cache (${cache.strategy}): ${plural(cache.fromCache, 'file')} from the cache${cache.byGit ? ` (${cache.byGit} vouched for by git)` : ''}, ${cache.read} read, ${cache.extracted} parsed${cache.walkReused ? ', walk reused' : ''}${why.length ? ` (${why.join(', ')})` : ''}${cache.reset ? `; started afresh: ${cache.reset}` : ''}${cache.problem ? `; ${cache.problem}` : ''} [${cache.file}]`;
}

export function textReport(result: ScanResult, opts: { color: boolean; verbose?: boolean }): string {
  const c = (code: string, s: string) => (opts.color ? `${code}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of activeFindings(result.findings)) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  // Test code is listed after the code that ships, under its own heading.
  const files = [...byFile].sort(([a], [b]) => Number(isTestFile(a)) - Number(isTestFile(b)));
  let testHeading = false;
  for (const [file, list] of files) {
    if (isTestFile(file) && !testHeading) {
      testHeading = true;
      lines.push('', c(ANSI.bold, 'Test files'));
    }
    lines.push('', c(ANSI.underline, file));
    const pos = list.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    const sevWidth = Math.max(...list.map((f) => f.severity.length));
    list.forEach((f, i) => {
      const sev = c(SEVERITY_COLOR[f.severity], f.severity.padEnd(sevWidth));
      lines.push(`  ${c(ANSI.dim, pos[i].padEnd(posWidth))}  ${sev}  ${f.message}  ${c(ANSI.dim, f.ruleId)}`);
    });
  }
  const s = summarize(result);
  lines.push('');
  if (result.apps.length) {
    lines.push(c(ANSI.bold, 'Applications'));
    for (const a of result.apps) {
      const color =
        a.verdict === 'blocked' || a.verdict === 'incomplete'
          ? ANSI.red
          : a.verdict === 'ready'
            ? ANSI.yellow
            : a.verdict === 'no code change'
              ? ANSI.blue
              : ANSI.dim;
      lines.push(
        `  ${a.dir}  ${c(color, a.verdict)}${a.languages.length ? `  (${a.languages.join(', ')})` : ''}`,
      );
      if (a.verdict !== 'nothing to migrate') for (const r of a.reasons) lines.push(`    - ${r}`);
      for (const n of a.notes ?? []) lines.push(`    ${c(ANSI.dim, 'note:')} ${n}`);
    }
    lines.push('');
  }
  // The files behind an `incomplete` verdict are listed here, not only in the JSON: they are what the
  // user must fix (or --ignore) before the result means anything.
  const unread = result.skipped.filter(leavesAppIncomplete);
  if (unread.length) {
    lines.push(
      c(ANSI.bold, `Not read (${plural(unread.length, 'file')}; their applications are incomplete)`),
    );
    for (const k of unread) lines.push(`  ${k.file}: ${k.detail}`);
    lines.push('');
  }
  const skipped = Object.entries(s.skipped);
  if (skipped.length) {
    lines.push(
      `Skipped: ${skipped.map(([r, n]) => `${n} ${r}`).join(', ')} (see --format json for the list)`,
    );
  }
  const read = Object.entries(encodings(result));
  if (read.length)
    lines.push(
      `Read as not UTF-8: ${read.map(([e, n]) => `${plural(n, 'file')} as ${e}`).join(', ')} (set --encoding if that is wrong)`,
    );
  if (s.parseErrors)
    lines.push(`${plural(s.parseErrors, 'file')} had syntax errors and were analysed where possible`);
  const total = s.findings.total;
  const found = total === 0 ? 'No problems' : `${total === 1 ? '1 problem' : `${total} problems`}`;
  // Never "No problems" alone when part of the tree was not read.
  const head = s.apps.incomplete
    ? `${found} in what was read, but ${plural(s.apps.incomplete, 'application')} incomplete`
    : found;
  if (opts.verbose && result.stats.cache) lines.push(cacheLine(result.stats.cache));
  if (s.baseline)
    lines.push(
      `Against the baseline: ${s.baseline.new} new, ${s.baseline.unchanged} unchanged (not shown), ${s.baseline.absent} gone`,
    );
  if (s.since)
    lines.push(
      `Only what changed since ${s.since.ref} (merge base ${s.since.mergeBase.slice(0, 12)}): ${plural(s.since.changedFiles, 'file')}`,
    );
  const mark = s.findings.error || s.apps.incomplete ? c(ANSI.red + ANSI.bold, '✖ ') : '';
  const silenced = s.findings.suppressed ? `, ${s.findings.suppressed} suppressed by comments` : '';
  lines.push(
    `${mark}${head} (${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${plural(s.findings.info, 'info')}${silenced}) in ${plural(s.files, 'file')}, ${s.parsed} parsed, ${s.durationMs} ms`,
  );
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

/** How many files were read in each encoding other than UTF-8. */
function encodings(result: ScanResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of result.files) if (f.encoding) out[f.encoding] = (out[f.encoding] ?? 0) + 1;
  return out;
}
