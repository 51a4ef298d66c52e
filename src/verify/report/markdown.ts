import { CHECK_IDS, type SampleRunResult, type VerifyReport } from '../types.js';
import { type EvidenceItem, evidenceItems } from './evidence.js';
import { CHECK_TITLES, failures, seconds, statusOf, stepTotals, totalMs } from './table.js';

const MARK = { pass: '✅', fail: '❌', skip: '–' } as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A fence longer than any backtick run in the lines, so output with ``` in it stays inside. */
function fence(lines: string[]): string {
  const longest = Math.max(
    2,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))),
  );
  return '`'.repeat(longest + 1);
}

function evidenceMarkdown(list: EvidenceItem[], indent: string): string[] {
  const out: string[] = [];
  for (const item of list) {
    out.push(`${indent}- ${item.text}`);
    if (!item.block) continue;
    const f = fence(item.block.lines);
    out.push(`${indent}  ${f}${item.block.kind === 'diff' ? 'diff' : 'text'}`);
    for (const l of item.block.lines) out.push(`${indent}  ${l}`);
    out.push(`${indent}  ${f}`);
  }
  return out;
}

/** A collapsible section per run: each check, what it proved, and its evidence (open when a check failed). */
function proved(r: SampleRunResult): string[] {
  const passed = r.checks.filter((c) => c.status === 'pass').length;
  const failed = r.checks.filter((c) => c.status === 'fail').length;
  const summary = `<b>${r.sample} [${r.profile}]</b>: ${passed} passed, ${failed} failed, ${r.checks.length - passed - failed} not run`;
  const out = [`<details${r.ok ? '' : ' open'}><summary>${summary}</summary>`, ''];
  for (const id of CHECK_IDS) {
    const c = r.checks.find((x) => x.id === id);
    if (!c) continue;
    out.push(`- ${MARK[c.status]} **${id}**: ${cell(c.message)}`);
    out.push(...evidenceMarkdown(evidenceItems(c.evidence), '  '));
  }
  out.push('', '</details>', '');
  return out;
}

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
  if (report.results.length > 0) {
    out.push('', '### What each check proved', '');
    for (const r of report.results) out.push(...proved(r));
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
