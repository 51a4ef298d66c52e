import type { KeyReference } from '../model/facts.js';
import { type ConfigIndex, type ConfigValue, envNamesForProperty } from './config-sources.js';

/** One value a key reference can take, and the chain of names that led to it (for the report). */
export interface ResolvedValue {
  value: string;
  /** `code`, or the file:line the value was read from. */
  from: string;
  /** e.g. `env KMS_KEY_ID` → `property kms.key-id`. */
  via: string[];
}

export interface Resolution {
  values: ResolvedValue[];
  /** Names that fed the KeyId but have no value anywhere in the repository (set at deploy time?). */
  unresolved: string[];
}

function inside(dir: string, file: string): boolean {
  return dir === '.' || file === dir || file.startsWith(`${dir}/`);
}

/**
 * A value applies to an application when it is scoped to it (compose build context), sits inside
 * its directory, or sits outside every application (shared deploy files like `k8s/`, a root `.env`).
 */
export function appliesTo(v: ConfigValue, app: string, allApps: string[]): boolean {
  if (v.scope) return inside(v.scope, app) || inside(app, v.scope);
  if (app !== '.' && inside(app, v.file)) return true;
  const owners = allApps.filter((a) => a !== '.' && inside(a, v.file));
  return owners.length === 0;
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9_.\-[\]]+)(?::-?(.*))?\}$/;

export function resolveReference(
  ref: Pick<KeyReference, 'literal' | 'envName' | 'configName'>,
  app: string,
  allApps: string[],
  idx: ConfigIndex,
): Resolution {
  const values: ResolvedValue[] = [];
  const unresolved: string[] = [];
  const seen = new Set<string>();

  const fromList = (list: ConfigValue[] | undefined) =>
    (list ?? []).filter((v) => appliesTo(v, app, allApps));

  const take = (v: string, from: string, via: string[], depth: number) => {
    const m = PLACEHOLDER.exec(v.trim());
    if (!m) {
      if (v.trim()) values.push({ value: v.trim(), from, via });
      return;
    }
    // `${NAME:default}` (Spring) / `${NAME:-default}` (compose): wherever NAME is unset (a developer's
    // machine, a test stage) the default is the key used, so both count.
    lookupProp(m[1], [...via, `\${${m[1]}}`], depth + 1);
    if (m[2] !== undefined) take(m[2], from, [...via, `default of \${${m[1]}}`], depth + 1);
  };

  const lookupEnv = (name: string, via: string[], depth: number): boolean => {
    const key = `env:${name}`;
    if (depth > 6 || seen.has(key)) return false;
    seen.add(key);
    const list = fromList(idx.env.get(name));
    for (const v of list) take(v.value, `${v.file}:${v.line}`, [...via, `env ${name}`], depth);
    return list.length > 0;
  };

  const lookupProp = (name: string, via: string[], depth: number): boolean => {
    const key = `prop:${name}`;
    if (depth > 6 || seen.has(key)) return false;
    seen.add(key);
    let found = false;
    for (const v of fromList(idx.props.get(name))) {
      found = true;
      take(v.value, `${v.file}:${v.line}`, [...via, `property ${name}`], depth);
    }
    // A placeholder may name an environment variable directly, or a property bound from one.
    if (lookupEnv(name, via, depth)) found = true;
    for (const envName of envNamesForProperty(name))
      if (envName !== name && lookupEnv(envName, via, depth)) found = true;
    return found;
  };

  if (ref.envName && !lookupEnv(ref.envName, [], 0)) unresolved.push(`env ${ref.envName}`);
  if (ref.configName && !lookupProp(ref.configName, [], 0)) unresolved.push(`property ${ref.configName}`);
  // A literal next to a name is the code's fallback (`os.getenv("KMS_KEY_ID", "alias/x")`).
  if (ref.literal) take(ref.literal, 'code', ref.envName || ref.configName ? ['default in code'] : [], 0);
  return { values, unresolved: values.length > 0 ? [] : unresolved };
}
