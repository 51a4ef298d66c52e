import { appName } from './app-name.js';
import { table, VERDICT_LABEL } from './markdown.js';
import type { AppAction, KeyStatus, KeyUse, Plan } from './plan-types.js';

export const PLAN_FORMATS = ['markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

const ACTION_LABEL: Record<AppAction, string> = {
  rewrite: 'rewrite before the deadline',
  blocked: 'blocked',
  'no-change': 'no change needed',
  'check-config': 'check its configuration',
};

const STATUS_LABEL: Record<KeyStatus, string> = {
  move: 'moves (in the ticket)',
  'held-back': 'held back (blocked app uses it)',
  'fix-first': 'disable rotation first',
  'not-supported': 'stays (not supported)',
  'no-migration-needed': 'no migration needed',
};

function useText(u: KeyUse): string {
  const chain = u.via.length ? ` via ${u.via.join(' → ')}` : '';
  const from = u.from === 'code' ? '' : ` (${u.from})`;
  return `\`${u.keyId}\` as \`${u.value}\`${chain}${from} at ${u.at}`;
}

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = ['# KMS migration plan', ''];
  out.push(`- Repositories: ${plan.repos.map((r) => `\`${r}\``).join(', ')}`);
  out.push(`- Key inventory: \`${plan.inventorySource}\``);
  out.push(
    `- Window: ${plan.window ? `${plan.window.start} – ${plan.window.end} (UTC)` : 'not set (pass --window "<start>/<end>")'}`,
  );
  if (plan.deadline) {
    out.push(
      `- **Deadline: ${plan.deadline.earliest}** — one month after the window opens; the gateway entry of each key closes one month after *that key's* move (stricter reading), ${plan.deadline.latest} at the latest.`,
    );
  }
  const s = plan.summary;
  out.push(
    `- Applications: ${s.apps.rewrite} to rewrite, ${s.apps.blocked} blocked, ${s.apps['check-config']} to check, ${s.apps['no-change']} unchanged`,
    `- Keys: ${s.keys.move} move, ${s.keys['held-back']} held back, ${s.keys['fix-first']} need rotation disabled first, ${s.keys['not-supported']} not supported, ${s.keys['no-migration-needed']} need no migration`,
    '',
    '## Checklist',
    '',
  );
  if (plan.checklist.length === 0) out.push('Nothing to do: no key in the inventory can move.');
  for (const c of plan.checklist) out.push(`- [ ] ${c.due ? `**by ${c.due}**` : `*${c.when}*`}: ${c.text}`);

  out.push('', '## Support tickets', '');
  if (plan.tickets.length === 0) out.push('No key can move now, so there is no ticket to send.');
  for (const t of plan.tickets) out.push(`### ${t.instance}`, '', '```text', t.text, '```', '');

  out.push('', '## Applications', '');
  out.push(
    table(
      ['Application', 'Languages', 'Scan verdict', 'Action', 'Keys that move', 'Keys that stay'],
      plan.apps.map((a) => [
        `\`${appName(a)}\``,
        a.languages.join(', '),
        a.scanVerdict,
        `**${ACTION_LABEL[a.action]}**`,
        [...new Set(a.moving.map((m) => m.keyId))].join(', '),
        [...new Set([...a.staying, ...a.inInstance].map((m) => m.keyId))].join(', '),
      ]),
    ),
  );
  for (const a of plan.apps) {
    const details: string[] = [];
    if (a.action === 'blocked') details.push(...a.scanReasons.map((r) => `- blocked: ${r}`));
    for (const u of [...a.moving, ...a.staying, ...a.inInstance]) details.push(`- uses ${useText(u)}`);
    for (const u of a.unresolved)
      details.push(`- ${u.names.join(', ')} at ${u.at}: no value in the repository`);
    for (const c of a.computed)
      details.push(`- ${c.parameter} at ${c.at}: computed in code, so its value is unknown`);
    for (const x of a.secrets) {
      const old = x.oldConsole ? ' (a secret of the old console: cannot be migrated)' : '';
      details.push(`- reads secret \`${x.name}\` at ${x.at}${old}`);
    }
    for (const u of a.unknown)
      details.push(`- \`${u.value}\` at ${u.at} (${u.from}) is not in the key inventory`);
    for (const w of a.warnings) details.push(`- ⚠ ${w}`);
    if (details.length) out.push('', `### \`${appName(a)}\``, '', ...details);
  }

  out.push('', '## Keys', '');
  out.push(
    table(
      ['Key', 'Aliases', 'Region', 'Verdict', 'In this plan', 'Used by', 'Why'],
      plan.keys.map((k) => [
        `\`${k.judgement.key.keyId}\``,
        k.judgement.key.aliases.join(', '),
        k.judgement.key.region,
        VERDICT_LABEL[k.judgement.verdict],
        `${STATUS_LABEL[k.status]}${k.instance ? ` → ${k.instance}` : ''}`,
        k.usedBy.join(', '),
        [k.judgement.reasons.map((r) => r.message).join('; '), k.judgement.remedy, k.note]
          .filter(Boolean)
          .join('. '),
      ]),
    ),
  );
  if (plan.warnings.length) {
    out.push('', '## Warnings', '');
    for (const w of plan.warnings) out.push(`- ${w}`);
  }
  if (plan.problems.length || plan.notes.length) {
    out.push('', '## Notes', '');
    for (const p of plan.problems) {
      out.push(
        `- inventory entry not judged: key ${p.key}${p.field ? `, field ${p.field}` : ''}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`,
      );
    }
    for (const n of plan.notes) out.push(`- ${n}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderPlan(plan: Plan, format: PlanFormat, tool: { name: string; version: string }): string {
  if (format === 'json') return `${JSON.stringify({ tool, ...plan }, null, 2)}\n`;
  return renderPlanMarkdown(plan);
}
