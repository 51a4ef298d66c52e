import { judgeKey, judgeOther } from './judge.js';
import type { Inventory, KeyJudgement, OtherJudgement, Verdict } from './types.js';

export interface KeysResult {
  inventory: Inventory;
  keys: KeyJudgement[];
  others: OtherJudgement[];
  summary: Record<Verdict, number> & { total: number; problems: number; secretsAndCertificates: number };
}

export function judgeInventory(inventory: Inventory): KeysResult {
  const keys = [...inventory.keys]
    .sort((a, b) => (a.region ?? '').localeCompare(b.region ?? '') || a.keyId.localeCompare(b.keyId))
    .map(judgeKey);
  const others = inventory.others.map(judgeOther);
  const count = (v: Verdict) => keys.filter((k) => k.verdict === v).length;
  return {
    inventory,
    keys,
    others,
    summary: {
      total: keys.length,
      'can-move': count('can-move'),
      'not-supported': count('not-supported'),
      'no-migration-needed': count('no-migration-needed'),
      problems: inventory.problems.length,
      secretsAndCertificates: others.length,
    },
  };
}
