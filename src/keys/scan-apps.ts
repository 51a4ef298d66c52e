import type { ConfigSetting } from '../config/resolve-config.js';
import type { SdkFamily } from '../model/facts.js';
import { type ScanOptions, type ScanProgress, type ScanResult, scan } from '../scan/index.js';
import { appLocator } from '../workspace/apps.js';
import { type ConfigIndex, indexConfig } from './config-sources.js';
import type { AppInput } from './plan-types.js';

export interface ScannedRepos {
  apps: AppInput[];
  configs: Map<string, ConfigIndex>;
  notes: string[];
}

/** Client families that already talk to the KMS instance. */
const ON_INSTANCE = new Set<SdkFamily>(['transfer', 'instance']);

/**
 * What `plan` takes from one repository's scan: each application's verdict and the key references
 * (literal / env name / config name) of its files. The root is left out when it holds no KMS code.
 */
export function appInputs(result: ScanResult, repo: string): AppInput[] {
  const locate = appLocator(result.apps.map((a) => ({ dir: a.dir, manifests: a.manifests })));
  const refsByApp = new Map<string, AppInput['keyRefs']>();
  for (const f of result.files) {
    for (const r of f.keyRefs) {
      const app = locate(f.file);
      const list = refsByApp.get(app) ?? [];
      list.push({
        file: f.file,
        line: r.range.start.line,
        parameter: r.parameter,
        literal: r.literal,
        envName: r.envName,
        configName: r.configName,
      });
      refsByApp.set(app, list);
    }
  }
  const apps: AppInput[] = [];
  for (const a of result.apps) {
    const keyRefs = refsByApp.get(a.dir) ?? [];
    // The root is always an "application"; leave it out when it holds no KMS code of its own.
    if (
      a.verdict === 'nothing to migrate' &&
      keyRefs.length === 0 &&
      a.clients.length === 0 &&
      a.actions.length === 0
    )
      continue;
    apps.push({
      repo,
      app: a.dir,
      languages: a.languages,
      verdict: a.verdict,
      reasons: a.reasons,
      legacyClients: a.clients.filter((c) => !ON_INSTANCE.has(c.family)).length,
      keyRefs,
    });
  }
  return apps;
}

/** What a scan could not read that a plan should mention. */
export function scanNotes(result: ScanResult, idx: ConfigIndex, repo: string): string[] {
  return [
    ...idx.skipped.map((s) => `${repo}/${s.file}: config file not read (${s.reason})`),
    ...result.skipped
      .filter((x) => x.reason === 'extract-failed')
      .map((s) => `${repo}/${s.file}: not analysed (${s.detail ?? s.reason})`),
  ];
}

/**
 * Runs scan once per repository and keeps what `plan` joins on: each application's verdict and the
 * key references of its files, plus the repository's config values.
 */
export async function scanRepos(
  repos: string[],
  opts: { config?: ConfigSetting; onProgress?: (p: ScanProgress) => void; cache?: ScanOptions['cache'] } = {},
): Promise<ScannedRepos> {
  const apps: AppInput[] = [];
  const configs = new Map<string, ConfigIndex>();
  const notes: string[] = [];
  for (const repo of repos) {
    const result = await scan({
      paths: [repo],
      root: repo,
      config: opts.config,
      onProgress: opts.onProgress,
      cache: opts.cache,
    });
    apps.push(...appInputs(result, repo));
    const idx = await indexConfig(result.root);
    configs.set(repo, idx);
    notes.push(...scanNotes(result, idx, repo));
  }
  return { apps, configs, notes };
}
