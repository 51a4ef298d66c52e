import type { ScanResult } from '../scan/index.js';
import type { RepositoryInfo } from '../workspace/repository.js';
import { type ConfigIndex, indexConfig } from './config-sources.js';
import type { AppInput } from './plan-types.js';
import { resolveReference } from './resolve-refs.js';
import { appInputs, scanNotes } from './scan-apps.js';

/**
 * The version of what `scan --format json` records for `plan --scans`. Reports without it come from
 * a kms-codemod that recorded neither the repository nor the key references: a plan from them
 * would miss every key their applications use, so they are refused.
 */
export const SCAN_FORMAT_VERSION = 2;

/** The part of a scan's JSON report that `plan --scans` joins with the key inventory. */
export interface ScanExport {
  formatVersion: typeof SCAN_FORMAT_VERSION;
  repository: RepositoryInfo;
  /** What the scan covered: the paths given (relative to the root), and `since` for a diff-only scan. */
  scope: { paths: string[]; since: string | null };
  plan: {
    /** The applications, their verdicts and key references with the values each takes. */
    apps: Omit<AppInput, 'repo'>[];
    notes: string[];
  };
}

const EMPTY_INDEX: ConfigIndex = { env: new Map(), props: new Map(), skipped: [] };

/**
 * Resolves every key reference where the repository is, so a plan elsewhere needs only this: the
 * values of environment and config names feeding a KeyId (never the other values of those files).
 */
export async function scanExport(
  result: ScanResult,
  repository: RepositoryInfo,
  scope: ScanExport['scope'],
): Promise<ScanExport> {
  const apps = appInputs(result, repository.name);
  const needsConfig = apps.some((a) => a.keyRefs.some((r) => r.envName || r.configName));
  const idx = needsConfig ? await indexConfig(result.root) : EMPTY_INDEX;
  const dirs = apps.map((a) => a.app);
  return {
    formatVersion: SCAN_FORMAT_VERSION,
    repository,
    scope,
    plan: {
      apps: apps.map(({ repo: _repo, ...a }) => ({
        ...a,
        keyRefs: a.keyRefs.map((r) => ({ ...r, resolved: resolveReference(r, a.app, dirs, idx) })),
      })),
      notes: scanNotes(result, idx, repository.name),
    },
  };
}
