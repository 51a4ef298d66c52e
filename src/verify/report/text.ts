import { CHECK_IDS, type VerifyReport } from '../types.js';
import { CHECK_TITLES, failures, seconds, statusOf, stepTotals, totalMs } from './table.js';

const MARK = { pass: 'ok', fail: 'FAIL', skip: '-' } as const;

export function formatText(report: VerifyReport & { workDir?: string }): string {
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
  const out: string[] = [line(header), ...rows.map(line)];

  const failed = failures(report);
  if (failed.length > 0) {
    out.push('', 'Failed checks:');
    for (const f of failed) out.push(`  ${f.where} ${f.id}: ${f.message}`);
  }
  if (report.problems.length > 0) {
    out.push('', 'Problems:');
    for (const p of report.problems) out.push(`  ${p}`);
  }
  const steps = stepTotals(report);
  if (steps.length > 0)
    out.push('', `Time per step: ${steps.map(([s, ms]) => `${s} ${seconds(ms)}`).join(', ')}`);
  const passed = report.results.filter((r) => r.ok).length;
  out.push(
    `${report.ok ? 'verify passed' : 'verify FAILED'}: ${passed}/${report.results.length} sample runs passed in ${seconds(report.totalMs)}`,
  );
  if (report.workDir && report.results.some((r) => r.workDir))
    out.push(`Work directory kept: ${report.workDir}`);
  return `${out.join('\n')}\n`;
}
