import type { KeyRecord } from './types.js';

/**
 * Finds the inventory key a KeyId value names. The service accepts a key id, a key ARN
 * (`acs:kms:<region>:<uid>:key/<id>`), an alias (`alias/<name>`) or an alias ARN
 * (`acs:kms:<region>:<uid>:alias/<name>`), so code may hold any of them.
 */
export class KeyMatcher {
  private readonly byId = new Map<string, KeyRecord[]>();
  private readonly byAlias = new Map<string, KeyRecord[]>();

  constructor(keys: KeyRecord[]) {
    for (const k of keys) {
      push(this.byId, k.keyId, k);
      for (const a of k.aliases) push(this.byAlias, a, k);
    }
  }

  /** Keys the value names; several when the same id or alias exists in more than one region. */
  match(value: string): KeyRecord[] {
    const v = value.trim();
    const arn = /^acs:kms:([^:]*):[^:]*:(key|alias)\/(.+)$/.exec(v);
    if (arn) {
      const [, region, kind, name] = arn;
      const found = kind === 'key' ? this.byId.get(name) : this.byAlias.get(`alias/${name}`);
      return (found ?? []).filter((k) => !region || !k.region || k.region === region);
    }
    if (v.startsWith('alias/')) return this.byAlias.get(v) ?? [];
    return this.byId.get(v) ?? [];
  }
}

function push(map: Map<string, KeyRecord[]>, k: string, v: KeyRecord) {
  const list = map.get(k) ?? [];
  list.push(v);
  map.set(k, list);
}

/** Does this look like a KeyId at all (so an unmatched value is worth reporting)? */
export function looksLikeKeyRef(value: string): boolean {
  return /^(key-[a-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/\S+|acs:kms:\S+)$/i.test(
    value.trim(),
  );
}
