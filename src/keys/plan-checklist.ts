import { appName } from './app-name.js';
import type { AppPlan, ChecklistItem, Plan } from './plan-types.js';

/**
 * The ordered to-do list from the plan. The deadline follows the stricter reading of the vendor's
 * pages (seed README): the gateway entry closes one month after *each key's* move, and a key may
 * move as soon as the window opens, so rewrites are due one month after the window's start.
 */
export function buildChecklist(plan: Plan): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const before = plan.window?.start;
  const due = plan.deadline?.earliest;
  const beforeWhen = before ? 'before the window opens' : 'before contacting support';
  const afterWhen = due
    ? 'after the move, within one month of the window opening'
    : 'after the move, within one month of it';

  for (const k of plan.keys) {
    if (k.status === 'fix-first') {
      items.push({
        due: before,
        when: beforeWhen,
        text: `Disable automatic rotation of ${k.judgement.key.keyId} (UpdateRotationPolicy EnableAutomaticRotation=false); it then has one version and can move: add it to the ticket and run \`kms-codemod plan\` again.`,
      });
    }
  }
  for (const a of plan.apps.filter((x) => x.action === 'blocked')) {
    const reasons = a.scanReasons.join('; ');
    items.push({
      due: before,
      when: beforeWhen,
      text: `${appName(a)} is blocked (${reasons}). Remove the blocking calls before any key it uses moves.`,
    });
  }
  for (const k of plan.keys.filter((x) => x.status === 'held-back')) {
    items.push({
      due: before,
      when: beforeWhen,
      text: `Key ${k.judgement.key.keyId} is held back: ${k.note}.`,
    });
  }
  for (const a of plan.apps.filter((x) => x.action === 'check-config'))
    items.push({ due: before, when: beforeWhen, text: checkConfigText(a) });
  if (plan.tickets.length > 0) {
    const instances = plan.tickets.map((t) => t.instance).join(', ');
    items.push({
      due: before,
      when: beforeWhen,
      text: `Buy the KMS instance(s) ${instances} if not done, and create an application access point for each: client key file, its password, the instance endpoint and CA certificate.`,
    });
    for (const t of plan.tickets) {
      items.push({
        due: before,
        when: beforeWhen,
        text: `Send the support ticket for ${t.instance} (${t.keys.length} key(s)) through the online service; the text is below.`,
      });
    }
  }
  for (const a of plan.apps.filter((x) => x.action === 'rewrite')) {
    const ids = [...new Set(a.moving.map((m) => m.keyId))].join(', ');
    items.push({
      due,
      when: afterWhen,
      text: `Rewrite ${appName(a)} to the transfer client (\`kms-codemod migrate ${a.app === '.' ? a.repo : `${a.repo}/${a.app}`}\` to review, \`--write\` to apply), check it with \`kms-codemod verify\`, and deploy it with the instance settings; it uses ${ids}.`,
    });
  }
  if (plan.tickets.length > 0) {
    items.push({
      due,
      when: afterWhen,
      text: due
        ? `Deadline ${due}: the shared gateway may stop serving a moved key from then on (one month after the window opens; ${plan.deadline?.latest} at the latest if the key moves at the window's end). Every rewrite above must be live by then.`
        : 'Deadline: one month after each key moves, the shared gateway stops serving it. Every rewrite above must be live by then.',
    });
  }
  return items;
}

/** The checklist line for an application whose keys could not all be told from the repository. */
function checkConfigText(a: AppPlan): string {
  const names = [...new Set(a.unresolved.flatMap((u) => u.names))];
  if (names.length)
    return `Find the deployed value of ${names.join(', ')} for ${appName(a)} (not in the repository) and check whether it names a key that moves.`;
  const computed = a.computed;
  if (computed.length)
    return `Find which key or secret the value computed at ${computed.map((c) => c.at).join(', ')} names for ${appName(a)}, and check whether it moves.`;
  const staying = [...new Set(a.staying.map((u) => u.keyId))];
  if (staying.length)
    return `${appName(a)} keeps a client of the shared gateway and its keys (${staying.join(', ')}) stay for now: rewrite it before any of them moves.`;
  return `Find which keys ${appName(a)} uses (no KeyId in its code) and check whether any moves.`;
}
