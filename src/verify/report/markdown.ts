import { CHECK_IDS, type VerifyReport } from '../types.js';
import { CHECK_TITLES, failures, seconds, statusOf, stepTotals, totalMs } from './table.js';

const MARK = { pass: '✅', fail: '❌', skip: '–' } as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: VerifyReport): string {
  const out: string[] = ['## kms-codemod verify', ''];
  out.push(`| sample | profile | ${CHECK_IDS.map((id) => CHECK_TITLES[id]).join(' | ')} | time |`);
  out.push(`|---|---|${CHECK_IDS.map(() => ':-:').join('|')}|--:|`);
  for (const r of report.results) {
    const marks = CHECK_IDS.map((id) => {
      const s = statusOf(r, id);
      return s ? MARK[s] : '–';
    });
    out.push(`| ${r.sample} | ${r.profile} | ${marks.join(' | ')} | ${seconds(totalMs(r))} |`);
  }
  const failed = failures(report);
  if (failed.length > 0) {
    out.push('', '### Failed checks', '');
    for (const f of failed) out.push(`- **${cell(f.where)}** \`${f.id}\`: ${cell(f.message)}`);
  }
  if (report.problems.length > 0) {
    out.push('', '### Problems', '');
    for (const p of report.problems) out.push(`- ${cell(p)}`);
  }
  const steps = stepTotals(report);
  if (steps.length > 0)
    out.push('', `Time per step: ${steps.map(([s, ms]) => `${s} ${seconds(ms)}`).join(', ')}`);
  const passed = report.results.filter((r) => r.ok).length;
  out.push(
    '',
    `**${report.ok ? 'Passed' : 'Failed'}**: ${passed}/${report.results.length} sample runs in ${seconds(report.totalMs)}.`,
    '',
  );
  return out.join('\n');
}
