import { colorDiff } from '../../migrate/diff.js';
import { CHECK_IDS, type CheckResult, type SampleRunResult, type VerifyReport } from '../types.js';
import { type EvidenceItem, evidenceItems } from './evidence.js';
import { CHECK_TITLES, failures, seconds, statusOf, stepTotals, totalMs } from './table.js';

const MARK = { pass: 'ok', fail: 'FAIL', skip: '-' } as const;

export interface TextOptions {
  color?: boolean;
  /** Every check's evidence, however many runs. */
  verbose?: boolean;
}

/** Up to this many runs (one app or sample on both profiles), the report says what every check proved. */
const PROVED_UP_TO = 2;

const paint = (on: boolean | undefined, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function mark(status: CheckResult['status'], color?: boolean): string {
  const text = MARK[status].padEnd(4);
  return status === 'pass' ? paint(color, '32', text) : status === 'fail' ? paint(color, '31', text) : text;
}

function table(report: VerifyReport): string[] {
  const header = ['sample', 'profile', ...CHECK_IDS.map((id) => CHECK_TITLES[id]), 'time'];
  const rows = report.results.map((r) => [
    r.sample,
    r.profile,
    ...CHECK_IDS.map((id) => {
      const s = statusOf(r, id);
      return s ? MARK[s] : '-';
    }),
    seconds(totalMs(r)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function items(list: EvidenceItem[], indent: string, color?: boolean): string[] {
  const out: string[] = [];
  for (const item of list) {
    out.push(`${indent}${item.text}`);
    if (!item.block) continue;
    const lines =
      item.block.kind === 'diff' && color
        ? colorDiff(item.block.lines.join('\n')).split('\n')
        : item.block.lines;
    for (const l of lines) out.push(`${indent}  ${item.block.kind === 'output' ? '| ' : ''}${l}`);
  }
  return out;
}

/** Each check of each run with what it proved; with --verbose, the evidence under it too. */
function proved(results: SampleRunResult[], opts: TextOptions): string[] {
  const out = ['', 'What each check proved:'];
  const width = Math.max(...CHECK_IDS.map((id) => id.length));
  for (const r of results) {
    out.push(`  ${r.sample} [${r.profile}]`);
    for (const id of CHECK_IDS) {
      const c = r.checks.find((x) => x.id === id);
      if (!c) continue;
      out.push(`    ${mark(c.status, opts.color)}  ${id.padEnd(width)}  ${c.message}`);
      if (opts.verbose)
        out.push(...items(evidenceItems(c.evidence), `${' '.repeat(width + 12)}`, opts.color));
    }
  }
  return out;
}

export function formatText(report: VerifyReport & { workDir?: string }, opts: TextOptions = {}): string {
  const out = table(report);
  if (opts.verbose || (report.results.length > 0 && report.results.length <= PROVED_UP_TO))
    out.push(...proved(report.results, opts));

  const failed = failures(report);
  if (failed.length > 0) {
    out.push('', 'Failed checks:');
    for (const f of failed) {
      out.push(`  ${f.where} ${f.id}: ${f.message}`);
      out.push(...items(evidenceItems(f.evidence), '      ', opts.color));
    }
  }
  if (report.problems.length > 0) {
    out.push('', 'Problems:');
    for (const p of report.problems) out.push(`  ${p}`);
  }
  const steps = stepTotals(report);
  if (steps.length > 0)
    out.push('', `Time per step: ${steps.map(([s, ms]) => `${s} ${seconds(ms)}`).join(', ')}`);
  const passed = report.results.filter((r) => r.ok).length;
  const verdict = report.ok
    ? paint(opts.color, '32', 'verify passed')
    : paint(opts.color, '31', 'verify FAILED');
  out.push(`${verdict}: ${passed}/${report.results.length} sample runs passed in ${seconds(report.totalMs)}`);
  if (!opts.verbose && report.results.length > PROVED_UP_TO)
    out.push("Each check's evidence: --verbose, or --format json or markdown");
  if (report.workDir && report.results.some((r) => r.workDir))
    out.push(`Work directory kept: ${report.workDir}`);
  return `${out.join('\n')}\n`;
}
