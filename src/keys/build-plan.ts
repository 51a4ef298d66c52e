import { appName } from './app-name.js';
import type { ConfigIndex } from './config-sources.js';
import { INSTANCE_PLACEHOLDER, type InstanceAssignment, instanceFor } from './instances.js';
import { judgeKey } from './judge.js';
import { KeyMatcher, looksLikeKeyRef } from './key-match.js';
import { buildChecklist } from './plan-checklist.js';
import type {
  AppAction,
  AppInput,
  AppPlan,
  KeyPlan,
  KeyStatus,
  KeyUse,
  MigrationWindow,
  Plan,
} from './plan-types.js';
import { planWarnings } from './plan-warnings.js';
import { resolveReference } from './resolve-refs.js';
import { buildTickets } from './ticket.js';
import type { Inventory } from './types.js';
import { addOneMonth, iso } from './window.js';

export interface PlanInput {
  apps: AppInput[];
  /** Config index per repository root (the same strings as AppInput.repo). */
  configs: Map<string, ConfigIndex>;
  inventory: Inventory;
  window?: MigrationWindow;
  instances: InstanceAssignment;
  /** For the past-window warning; default: the clock. */
  now?: Date;
}

interface RawApp {
  input: AppInput;
  uses: KeyUse[];
  unresolved: AppPlan['unresolved'];
  computed: AppPlan['computed'];
  unknown: AppPlan['unknown'];
  secrets: AppPlan['secrets'];
}

/** Why an application that keeps a gateway client and moves no known key must still be checked. */
function checkConfigWarnings(r: RawApp, staying: KeyUse[]): string[] {
  const out: string[] = [];
  if (r.input.keyRefs.length === 0)
    out.push('uses KMS but no KeyId was found in its code; check which keys it uses before the window');
  for (const c of r.computed)
    out.push(`the ${c.parameter} at ${c.at} is computed in code: find which key or secret it names`);
  if (r.input.keyRefs.length > 0 && r.unresolved.length === 0 && r.computed.length === 0) {
    const ids = [...new Set(staying.map((s) => s.keyId))];
    out.push(
      ids.length
        ? `still has a client of the shared gateway; the keys it was seen to use (${ids.join(', ')}) stay in the default instance for now, so rewrite it before any of them moves`
        : 'still has a client of the shared gateway, and no key it names is in the inventory; check which keys it uses before the window',
    );
  }
  return out;
}

/** Joins the judged keys with the applications that use them (issue 7, `plan`). */
export function buildPlan(input: PlanInput): Plan {
  const judgements = input.inventory.keys.map(judgeKey);
  const matcher = new KeyMatcher(input.inventory.keys);
  const notes = [...input.inventory.notes];
  const oldSecrets = new Set(input.inventory.others.filter((o) => o.kind === 'secret').map((o) => o.name));

  // 1. Which keys each application uses, through literals, env and config names.
  const raw: RawApp[] = input.apps.map((app) => {
    const idx = input.configs.get(app.repo) ?? { env: new Map(), props: new Map(), skipped: [] };
    const allApps = input.apps.filter((a) => a.repo === app.repo).map((a) => a.app);
    const uses: KeyUse[] = [];
    const unresolved: AppPlan['unresolved'] = [];
    const computed: AppPlan['computed'] = [];
    const unknown: AppPlan['unknown'] = [];
    const secrets: AppPlan['secrets'] = [];
    for (const ref of app.keyRefs) {
      const at = `${ref.file}:${ref.line}`;
      const res = ref.resolved ?? resolveReference(ref, app.app, allApps, idx);
      if (res.unresolved.length) unresolved.push({ at, names: res.unresolved });
      if (!ref.literal && !ref.envName && !ref.configName) computed.push({ at, parameter: ref.parameter });
      if (ref.parameter === 'SecretName') {
        for (const v of res.values) {
          if (!secrets.some((x) => x.name === v.value && x.at === at)) {
            secrets.push({ name: v.value, at, from: v.from, oldConsole: oldSecrets.has(v.value) });
          }
        }
        continue;
      }
      for (const v of res.values) {
        const keys = matcher.match(v.value);
        if (keys.length === 0) {
          if (looksLikeKeyRef(v.value) && !unknown.some((u) => u.value === v.value))
            unknown.push({ at, value: v.value, from: v.from });
          continue;
        }
        for (const k of keys) {
          if (
            !uses.some((u) => u.keyId === k.keyId && u.at === at && u.value === v.value && u.from === v.from)
          ) {
            uses.push({ keyId: k.keyId, value: v.value, via: v.via, at, from: v.from });
          }
        }
      }
    }
    return { input: app, uses, unresolved, computed, unknown, secrets };
  });

  // 2. Where each key stands: a movable key used by a blocked application is held back, since its
  //    gateway entry would close one month after the move while that application still needs it.
  const usedBy = new Map<string, Set<string>>();
  const blockedUsers = new Map<string, string[]>();
  for (const r of raw) {
    for (const u of r.uses) {
      if (!usedBy.has(u.keyId)) usedBy.set(u.keyId, new Set());
      usedBy.get(u.keyId)?.add(appName(r.input));
      if (r.input.verdict === 'blocked')
        blockedUsers.set(u.keyId, [...(blockedUsers.get(u.keyId) ?? []), appName(r.input)]);
    }
  }
  const keys: KeyPlan[] = judgements.map((j) => {
    const users = [...(usedBy.get(j.key.keyId) ?? [])].sort();
    let status: KeyStatus;
    let note: string | undefined;
    if (j.verdict === 'no-migration-needed') status = 'no-migration-needed';
    else if (j.verdict === 'not-supported') status = j.remedy ? 'fix-first' : 'not-supported';
    else if (blockedUsers.has(j.key.keyId)) {
      status = 'held-back';
      note = `used by blocked application(s) ${[...new Set(blockedUsers.get(j.key.keyId))].join(', ')}: moving it would close its gateway entry one month later while they still need it; remove the blocking calls first, then add it to a ticket`;
    } else status = 'move';
    if (status === 'move' && users.length === 0)
      note =
        'no application in the scanned repositories uses it (cloud-product encryption or another repository?)';
    return {
      judgement: j,
      status,
      instance: status === 'move' ? instanceFor(input.instances, j.key) : undefined,
      usedBy: users,
      note,
    };
  });
  const statusOf = new Map(keys.map((k) => [k.judgement.key.keyId, k]));

  // 3. What each application must do.
  const apps: AppPlan[] = raw.map((r) => {
    const moving = r.uses.filter((u) => statusOf.get(u.keyId)?.status === 'move');
    const inInstance = r.uses.filter(
      (u) => statusOf.get(u.keyId)?.judgement.reasons[0]?.code === 'in-instance',
    );
    const staying = r.uses.filter((u) => !moving.includes(u) && !inInstance.includes(u));
    const warnings: string[] = [];
    const blocked = r.input.verdict === 'blocked';
    // An application that still talks to the gateway is never "no change": if none of its known keys
    // moves, a key it names at run time, or the next key to move, still closes its gateway entry.
    const keepsLegacy =
      r.input.legacyClients > 0 || r.input.verdict === 'ready' || r.input.verdict === 'incomplete';
    let action: AppAction;
    if (blocked) action = 'blocked';
    else if (moving.length > 0) action = 'rewrite';
    else if (keepsLegacy) action = 'check-config';
    else action = 'no-change';
    if (action === 'rewrite' && staying.length > 0) {
      const ids = [...new Set(staying.map((s) => s.keyId))].join(', ');
      warnings.push(
        `also uses key(s) that stay in the default instance (${ids}): the transfer client sends crypto calls to the instance, where they do not exist; keep a legacy client for them or move them too`,
      );
    }
    const stuckSecrets = r.secrets.filter((x) => x.oldConsole).map((x) => x.name);
    if (action === 'rewrite' && stuckSecrets.length > 0) {
      warnings.push(
        `reads secret(s) of the old console (${[...new Set(stuckSecrets)].join(', ')}): the transfer client sends GetSecretValue to the instance, where they do not exist, and they cannot be migrated; recreate them in the instance first`,
      );
    }
    if (action === 'check-config') warnings.push(...checkConfigWarnings(r, staying));
    const fixFirst = [
      ...new Set(staying.filter((u) => statusOf.get(u.keyId)?.status === 'fix-first').map((u) => u.keyId)),
    ];
    if (fixFirst.length > 0 && !blocked) {
      warnings.push(
        `uses ${fixFirst.join(', ')}, which can move once automatic rotation is disabled; this application must then be rewritten too`,
      );
    }
    if (blocked && moving.length === 0 && r.uses.length > 0) {
      warnings.push(
        'the keys it uses stay in the default instance for now, so it keeps working; it cannot move until the blocking calls are gone',
      );
    }
    return {
      repo: r.input.repo,
      app: r.input.app,
      languages: r.input.languages,
      scanVerdict: r.input.verdict,
      scanReasons: r.input.reasons,
      action,
      moving,
      staying,
      inInstance,
      unresolved: r.unresolved,
      computed: r.computed,
      unknown: r.unknown,
      secrets: r.secrets,
      warnings,
    };
  });

  const window = input.window ? { start: iso(input.window.start), end: iso(input.window.end) } : undefined;
  const deadline = input.window
    ? { earliest: iso(addOneMonth(input.window.start)), latest: iso(addOneMonth(input.window.end)) }
    : undefined;
  if (!input.window)
    notes.push(
      'no --window given: the ticket proposes none and the checklist counts one month from the move',
    );
  if (keys.some((k) => k.instance === INSTANCE_PLACEHOLDER))
    notes.push('no --instance given: the ticket names a placeholder for the target instance');

  const others = input.inventory.others;
  if (others.length > 0) {
    notes.push(
      `${others.length} secret(s)/certificate(s) of the old console cannot be migrated: ${others.map((o) => `${o.kind} ${o.name}`).join(', ')}`,
    );
  }
  const tickets = buildTickets(keys, window);
  const plan: Plan = {
    repos: [...new Set(input.apps.map((a) => a.repo))],
    inventorySource: input.inventory.source,
    window,
    deadline,
    apps,
    keys,
    tickets,
    checklist: [],
    problems: input.inventory.problems,
    notes,
    warnings: planWarnings({ keys, instances: input.instances, window: input.window, now: input.now }),
    summary: {
      apps: { rewrite: 0, blocked: 0, 'no-change': 0, 'check-config': 0 },
      keys: { move: 0, 'held-back': 0, 'fix-first': 0, 'not-supported': 0, 'no-migration-needed': 0 },
    },
  };
  for (const a of apps) plan.summary.apps[a.action]++;
  for (const k of keys) plan.summary.keys[k.status]++;
  plan.checklist = buildChecklist(plan);
  return plan;
}
