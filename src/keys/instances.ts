import type { KeyRecord } from './types.js';

/** Shown in tickets until the user names the instance. */
export const INSTANCE_PLACEHOLDER = '<target KMS instance id>';

/**
 * `--instance ID` (every movable key) and `--instance ID=KEY[,KEY...]` (those keys, by id or alias),
 * repeatable, so keys of several regions can go to the instance of their region.
 */
export interface InstanceAssignment {
  defaultInstance?: string;
  byKey: Map<string, string>;
}

export class InstanceFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceFlagError';
  }
}

export function parseInstanceFlags(flags: string[] = []): InstanceAssignment {
  const out: InstanceAssignment = { byKey: new Map() };
  for (const f of flags) {
    const eq = f.indexOf('=');
    if (eq < 0) {
      if (!f.trim())
        throw new InstanceFlagError('--instance needs an instance id (e.g. kst-hzz65f1a2b3c4d5e6f7)');
      if (out.defaultInstance && out.defaultInstance !== f.trim()) {
        throw new InstanceFlagError(
          `--instance given twice without keys (${out.defaultInstance}, ${f.trim()}); use --instance ID=KEY,KEY to split keys between instances`,
        );
      }
      out.defaultInstance = f.trim();
      continue;
    }
    const id = f.slice(0, eq).trim();
    const keys = f
      .slice(eq + 1)
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (!id || keys.length === 0)
      throw new InstanceFlagError(`--instance "${f}": expected ID or ID=KEY[,KEY...]`);
    for (const k of keys) out.byKey.set(k, id);
  }
  return out;
}

export function instanceFor(a: InstanceAssignment, key: KeyRecord): string {
  const named = a.byKey.get(key.keyId) ?? key.aliases.map((al) => a.byKey.get(al)).find(Boolean);
  return named ?? a.defaultInstance ?? INSTANCE_PLACEHOLDER;
}
