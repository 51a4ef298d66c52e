import type { Ecosystem } from './types.js';

export type VersionTable = Record<string, string>;

let loaded: Promise<VersionTable> | undefined;

/** Flattens whatever shape the toolchains table has into `name → version` (nested records by ecosystem, or flat). */
function flatten(value: unknown, out: VersionTable): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k.replace(/^(maven|pypi|go|npm):/, '')] = v;
    else if (v && typeof v === 'object' && 'version' in v && typeof (v as { version: unknown }).version === 'string') {
      const name = (v as { name?: unknown }).name;
      out[typeof name === 'string' ? name : k] = (v as { version: string }).version;
    } else flatten(v, out);
  }
}

/**
 * The ONE version table lives in src/toolchains/sdk-versions.ts (the toolchains engineer installs
 * exactly those versions for the tests). Loaded at run time so `migrate` still rewrites code while
 * that file is missing; manifests are then skipped with a finding.
 */
export function loadVersionTable(): Promise<VersionTable> {
  loaded ??= (async () => {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const mod = (await import(new URL(`../toolchains/sdk-versions${ext}`, import.meta.url).href)) as Record<string, unknown>;
    const table: VersionTable = {};
    flatten(mod, table);
    return table;
  })();
  return loaded;
}

export function versionOf(table: VersionTable, ecosystem: Ecosystem, name: string): string | undefined {
  return table[`${ecosystem}:${name}`] ?? table[name];
}
