import { resolve } from 'node:path';
import type { Finding, ScanResult, Verdict } from '../model/index.js';
import { displayPath } from '../workspace/display-path.js';
import { plural, summarize, type ToolInfo } from './summary.js';

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
    `**${plural(result.apps.length, 'application')}**: ${s.apps.ready} ready, ${s.apps.blocked} blocked, ${s.apps.nothingToMigrate} with nothing to migrate. **Findings**: ${plural(s.findings.error, 'error')}, ${plural(s.findings.warning, 'warning')}, ${plural(s.findings.info, 'info')}.`,
    '',
  );
  out.push(
    '> After a key moves to a KMS instance, its entry on the shared KMS gateway closes one month later. Every application below that is not "nothing to migrate" must change before then.',
    '',
  );
  out.push(
    '## Verdict per application',
    '',
    '| application | verdict | languages | reasons |',
    '|---|---|---|---|',
  );
  for (const a of result.apps) {
    out.push(
      `| \`${cell(a.dir)}\` | ${VERDICT_BADGE[a.verdict]} | ${a.languages.join(', ') || '—'} | ${cell(a.reasons.join('; ')) || '—'} |`,
    );
  }
  out.push('');
  const byApp = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = f.app ?? '.';
    const list = byApp.get(key) ?? [];
    list.push(f);
    byApp.set(key, list);
  }
  for (const a of result.apps) {
    const findings = byApp.get(a.dir) ?? [];
    if (findings.length === 0 && a.actions.length === 0) continue;
    out.push(`## Application \`${a.dir}\``, '', `Verdict: **${a.verdict}**.`, '');
    if (a.manifests.length) out.push(`Build files: ${a.manifests.map((m) => `\`${m}\``).join(', ')}.`, '');
    if (findings.length) {
      out.push('### Findings', '', '| severity | rule | location | message |', '|---|---|---|---|');
      for (const f of findings) {
        out.push(
          `| ${f.severity} | ${f.ruleId} | \`${cell(f.file)}:${f.range.start.line}\` | ${cell(f.message)} |`,
        );
      }
      out.push('');
    }
    if (a.actions.length) {
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
    }
  }
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
