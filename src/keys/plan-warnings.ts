import { INSTANCE_PLACEHOLDER, type InstanceAssignment } from './instances.js';
import type { KeyPlan, MigrationWindow } from './plan-types.js';
import { iso } from './window.js';

/**
 * What `plan` warns about in its own flags, before anyone files a ticket with them: a window that
 * has already begun, `--instance ID=KEY` naming a key that is not in the inventory or will not move,
 * and keys of several regions sent to one instance (an instance serves one region).
 */
export function planWarnings(input: {
  keys: readonly KeyPlan[];
  instances: InstanceAssignment;
  window?: MigrationWindow;
  now?: Date;
}): string[] {
  const out: string[] = [];
  const now = input.now ?? new Date();
  if (input.window && input.window.start.getTime() < now.getTime()) {
    out.push(
      `--window starts in the past (${iso(input.window.start)}, now ${iso(now)}): support cannot schedule it; propose a window that is still to come`,
    );
  }
  const byName = (name: string) =>
    input.keys.find((k) => k.judgement.key.keyId === name || k.judgement.key.aliases.includes(name));
  for (const [name, instance] of input.instances.byKey) {
    const key = byName(name);
    if (!key) {
      out.push(
        `--instance ${instance}=${name}: ${name} is not in the key inventory (a typo, or a key of another region or account?)`,
      );
    } else if (key.status !== 'move') {
      out.push(
        `--instance ${instance}=${name}: ${key.judgement.key.keyId} will not move (${key.status}${key.note ? `: ${key.note}` : ''}), so it is left out of the ticket`,
      );
    }
  }
  const regionsOf = new Map<string, Set<string>>();
  for (const k of input.keys) {
    if (k.status !== 'move' || !k.instance || k.instance === INSTANCE_PLACEHOLDER || !k.judgement.key.region)
      continue;
    const set = regionsOf.get(k.instance) ?? new Set<string>();
    set.add(k.judgement.key.region);
    regionsOf.set(k.instance, set);
  }
  for (const [instance, regions] of regionsOf) {
    if (regions.size > 1) {
      out.push(
        `instance ${instance} gets keys of ${regions.size} regions (${[...regions].sort().join(', ')}), but a KMS instance serves one region; give each region its instance with --instance ID=KEY,...`,
      );
    }
  }
  return out;
}
