import { resolve } from 'node:path';
import {
  type AppResult,
  activeFindings,
  type Finding,
  isTestFile,
  type ScanResult,
  type Verdict,
} from '../model/index.js';
import { displayPath } from '../workspace/display-path.js';
import { GATEWAY_DEADLINE, plural, summarize, type ToolInfo } from './summary.js';

const VERDICT_BADGE: Record<Verdict, string> = {
  ready: '🟡 ready to migrate',
  blocked: '🔴 blocked',
  'no code change': '🔵 no code change',
  incomplete: '⚪ incomplete',
  'nothing to migrate': '🟢 nothing to migrate',
};

/** A report is shared (PR comments, tickets): the scanned root as the user named it, not this machine's path. */
function shownRoot(root: string): string {
  return resolve(root) === process.cwd() ? '.' : displayPath(root);
}

/** Pipes and newlines would break a table cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A table cell lists the first reasons; the application's section lists them all. */
function reasonsCell(reasons: readonly string[]): string {
  if (reasons.length === 0) return '—';
  const shown = reasons.slice(0, 3).map((r) => `• ${cell(r)}`);
  if (reasons.length > 3) shown.push(`… and ${reasons.length - 3} more (below)`);
  return shown.join('<br>');
}

function findingsTable(title: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  return [
    `### ${title}`,
    '',
    '| severity | rule | location | message |',
    '|---|---|---|---|',
    ...findings.map(
      (f) =>
        `| ${f.severity} | ${f.ruleId} | \`${cell(f.file)}:${f.range.start.line}\` | ${cell(f.message)} |`,
    ),
    '',
  ];
}

/** One application: verdict, why, notes, findings (test files apart) and its KMS actions. */
function appSection(a: AppResult, findings: readonly Finding[]): string[] {
  if (findings.length === 0 && a.actions.length === 0 && !a.notes?.length) return [];
  const out = [`## Application \`${a.dir}\``, '', `Verdict: **${a.verdict}**.`, ''];
  if (a.manifests.length) out.push(`Build files: ${a.manifests.map((m) => `\`${m}\``).join(', ')}.`, '');
  if (a.verdict !== 'nothing to migrate' && a.reasons.length > 1)
    out.push('### Why', '', ...a.reasons.map((r) => `- ${r}`), '');
  if (a.notes?.length) out.push('### Notes', '', ...a.notes.map((n) => `- ${n}`), '');
  out.push(
    ...findingsTable(
      'Findings',
      findings.filter((f) => !isTestFile(f.file)),
    ),
  );
  out.push(
    ...findingsTable(
      'Findings in test files',
      findings.filter((f) => isTestFile(f.file)),
    ),
  );
  if (a.actions.length === 0) return out;
  out.push(
    '### KMS actions',
    '',
    '| action | served after the move by | calls | where |',
    '|---|---|---|---|',
  );
  for (const u of a.actions) {
    const by = u.blocked
      ? 'shared gateway — **blocks the move**'
      : u.servedBy === 'instance'
        ? 'KMS instance'
        : 'shared gateway (closes one month after the move)';
    const where =
      u.locations
        .slice(0, 5)
        .map((l) => `\`${cell(l.file)}:${l.line}\``)
        .join(', ') + (u.locations.length > 5 ? ', …' : '');
    out.push(`| ${u.action} | ${by} | ${u.count} | ${where} |`);
  }
  out.push('');
  return out;
}

/** The migration report a person reads: verdict per application, findings by application, action inventory. */
export function markdownReport(result: ScanResult, tool: ToolInfo): string {
  const s = summarize(result);
  const out: string[] = [];
  out.push('# KMS migration report', '');
  out.push(
    `Scanned ${plural(s.files, 'file')} under \`${shownRoot(result.root)}\` (${s.parsed} used a known SDK and were parsed) with ${tool.name} ${tool.version}.`,
    '',
  );
  out.push(
    `**${plural(result.apps.length, 'application')}**: ${s.apps.ready} ready, ${s.apps.blocked} blocked,${s.apps.incomplete ? ` ${s.apps.incomplete} incomplete (files not read; see their reasons),` : ''} ${s.apps.noCodeChange} with no code change, ${s.apps.nothingToMigrate} with nothing to migrate. **Findings**: ${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${plural(s.findings.info, 'info')}${s.findings.suppressed ? ` (${s.findings.suppressed} more suppressed by comments)` : ''}.`,
    '',
  );
  if (s.baseline)
    out.push(
      `Against the baseline: ${s.baseline.new} new, ${s.baseline.unchanged} unchanged (not listed), ${s.baseline.absent} gone since.`,
      '',
    );
  out.push(`> ${GATEWAY_DEADLINE}`, '');
  out.push(
    '## Verdict per application',
    '',
    '| application | verdict | languages | reasons |',
    '|---|---|---|---|',
  );
  for (const a of result.apps) {
    out.push(
      `| \`${cell(a.dir)}\` | ${VERDICT_BADGE[a.verdict]} | ${a.languages.join(', ') || '—'} | ${reasonsCell(a.reasons)} |`,
    );
  }
  out.push('');
  const byApp = new Map<string, Finding[]>();
  for (const f of activeFindings(result.findings)) {
    const key = f.app ?? '.';
    const list = byApp.get(key) ?? [];
    list.push(f);
    byApp.set(key, list);
  }
  for (const a of result.apps) out.push(...appSection(a, byApp.get(a.dir) ?? []));
  if (result.skipped.length) {
    out.push('## Skipped', '', '| path | reason | detail |', '|---|---|---|');
    for (const k of result.skipped) out.push(`| \`${cell(k.file)}\` | ${k.reason} | ${cell(k.detail)} |`);
    out.push('');
  }
  if (result.parseErrors.length) {
    out.push('## Files with syntax errors (analysed where possible)', '');
    for (const p of result.parseErrors) out.push(`- \`${p.file}:${p.line}\`: ${p.message}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
