import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Baseline } from '../baseline/index.js';
import { type CacheOptions, FactCache } from '../cache/fact-cache.js';
import type { RuleSetting } from '../config/config.js';
import { type ConfigSetting, resolveConfig } from '../config/resolve-config.js';
import type { FileFacts, ScanResult } from '../model/index.js';
import { RULES } from '../rules/index.js';
import { ancestorManifests } from '../workspace/ancestor-manifests.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import { changedFiles } from '../workspace/changes.js';
import { gitCleanFiles } from '../workspace/git-index.js';
import { TaskPipeline } from '../workspace/task-pipeline.js';
import { classifyApps } from './app-kind-pass.js';
import { analyzeApp, judgeApp, judgeNothingScanned, unreadByApp } from './app-pass.js';
import { fingerprintFromDigests } from './code-digests.js';
import { type CollectedFacts, collectFacts } from './collect-facts.js';
import { markDormantCalls } from './generated-pass.js';
import { findMissingSdks } from './half-migrated.js';
import { runRules } from './run-rules.js';
import { inTouchedApps, narrowToChanges } from './since-scope.js';
import { applySuppressions } from './suppress.js';

export type { ParseErrorNote, ScanResult, ScanStats } from '../model/index.js';

/**
 * How far a scan is: source files found so far by the walk (`total` 0, not known yet), then files read
 * and prefiltered of those found, then candidates parsed of those the prefilter kept.
 */
export interface ScanProgress {
  phase: 'walk' | 'read' | 'parse';
  done: number;
  total: number;
}

export interface ScanOptions {
  /** Files or directories to scan (default: the root). */
  paths?: string[];
  /** Reported paths are relative to it. Default: the single directory given, else the cwd. */
  root?: string;
  /** Extra gitignore-style globs (added to the config's `ignores`). */
  ignore?: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  /**
   * The encoding of source files that are not UTF-8: a name iconv-lite knows (`gbk`, `shift_jis`,
   * `latin1`, ...) or `auto` (detect). Over the config's `encoding`; default `auto`.
   */
  encoding?: string;
  /**
   * A config object, the path of a config file, or `false` for none; default: the nearest
   * `kms-codemod.config.json` in or above each scanned path, else above the working directory.
   */
  config?: ConfigSetting;
  /** Per-rule severity overrides on top of the config. */
  rules?: Record<string, RuleSetting>;
  /** Worker threads that parse besides the main one: 0 parses in-process; default: one per extra core on trees of 1,000 files or more. */
  workers?: number;
  onProgress?: (p: ScanProgress) => void;
  /**
   * A git ref: report only findings in files changed since the merge base of the ref and HEAD
   * (committed, staged, unstaged, untracked and not ignored), and only the applications holding them,
   * judged on all their files. Throws a SinceError when the root is not in a git repository or the
   * ref is unknown.
   */
  since?: string;
  /**
   * Keep each file's facts in a cache and reuse them while the file is unchanged (`true` for the
   * defaults; see CacheOptions). Off unless asked for; the CLI turns it on. Results are the same with
   * or without it: cross-file joins, verdicts and rules always run on the facts.
   */
  cache?: boolean | CacheOptions;
  /**
   * An earlier scan's findings (a parsed Baseline, or the path of a `--format json` / SARIF report or
   * of a `--write-baseline` file): each finding gets `baselineState` new or unchanged, by fingerprint,
   * and `result.baseline` lists the baseline's findings that are gone. Throws a BaselineError when the
   * file cannot be used.
   */
  baseline?: Baseline | string;
  /**
   * Threads to parse with, left running afterwards: `migrate` passes its own so that its rewrites reuse
   * the warm workers. By default the scan makes and closes its own.
   */
  pipeline?: TaskPipeline;
}

function defaultRoot(paths: string[] | undefined): string {
  if (paths?.length === 1) {
    try {
      const abs = resolve(paths[0]);
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      // reported by the walk
    }
  }
  return process.cwd();
}

/** The directory a scan with these options reports paths from (`ScanResult.root`). */
export function scanRoot(options: Pick<ScanOptions, 'root' | 'paths'>): string {
  return resolve(options.root ?? defaultRoot(options.paths));
}

/** The library API under every face (CLI, LSP, PR bot): walk, prefilter, extract, join per app, rules. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = scanRoot(options);
  // git's index, asked in the background before any file is looked at: the cache trusts what it vouches for.
  const cacheOptions = options.cache === true ? {} : options.cache || undefined;
  const gitState = cacheOptions && FactCache.asksGit(root, cacheOptions) ? gitCleanFiles(root) : undefined;
  const config = resolveConfig(
    options.config,
    root,
    (options.paths ?? []).map((p) => resolve(p)),
    RULES.map((r) => r.meta.id),
  );
  // git lists the changes in the background while the cache loads; an unknown ref or a directory outside
  // git fails the scan before any file is read.
  const listing = options.since === undefined ? undefined : changedFiles(root, options.since);
  listing?.catch(() => undefined);
  // Loaded only when asked for, as every module a plain rescan does not need (its start counts).
  const baselines = options.baseline === undefined ? undefined : await import('../baseline/index.js');
  const baseline =
    typeof options.baseline === 'string' ? baselines?.readBaseline(options.baseline) : options.baseline;
  const pipeline = options.pipeline ?? new TaskPipeline();
  const maxFileSize = options.maxFileSize ?? config.maxFileSize;
  const encoding = options.encoding ?? config.encoding;
  // Every setting that changes what a file's extraction sees belongs in this object, which is part of
  // the cache's key: the size limit now, the source encoding when the reader takes one.
  const cache = cacheOptions
    ? FactCache.open(root, cacheOptions, {
        maxFileSize: maxFileSize ?? null,
        encoding: encoding ?? null,
      })
    : undefined;
  const ancestors = ancestorManifests(root, options.paths?.map((p) => resolve(p)) ?? []);
  const changes = await listing;
  cache?.useGit(await gitState);
  let collected: CollectedFacts;
  try {
    collected = await collectFacts({
      root,
      paths: options.paths?.map((p) => resolve(p)),
      ignore: [...config.ignores, ...(options.ignore ?? [])],
      includeVendored: options.includeVendored ?? config.includeVendored,
      maxFileSize,
      encoding,
      workers: options.workers,
      pipeline,
      cache,
      narrow:
        changes && ((sources, manifests) => inTouchedApps(changes, sources, [...manifests, ...ancestors])),
      onProgress: options.onProgress,
    });
  } finally {
    if (!options.pipeline) pipeline.close();
  }
  const { files, digests, skipped, parseErrors } = collected;
  // Every file this scan stamps with a blob id has been read: git's second look runs beside the joins.
  const confirmed = cache?.confirmGit(root);

  const manifests = new Set([...collected.manifests, ...ancestors]);
  const appDirs = discoverApps([...manifests]);
  const locate = appLocator(appDirs);
  const byApp = new Map<string, FileFacts[]>(appDirs.map((a) => [a.dir, []]));
  for (const f of files) byApp.get(locate(f.file))?.push(f);
  const unread = unreadByApp(skipped, locate);
  const analyses = appDirs.map((a) => analyzeApp(a, byApp.get(a.dir) ?? [], unread.get(a.dir)));
  classifyApps(root, analyses, collected.sources, locate, cache?.entryPoints());
  markDormantCalls(root, analyses, collected.sources, locate);
  for (const a of analyses) a.missingSdks = await findMissingSdks(root, a);
  // Written after the application pass, which records in it what it learnt of unchanged sources.
  await confirmed;
  cache?.save(collected.cacheScope);
  const settings = { ...config.rules, ...(options.rules ?? {}) };
  const findings = applySuppressions(analyses, runRules(analyses, settings), settings);
  fingerprintFromDigests(findings, digests);
  const verdicts = analyses.map(judgeApp);
  const apps = collected.total === 0 ? judgeNothingScanned(verdicts, collected.ignored) : verdicts;
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const judged = changes
    ? narrowToChanges(changes, { findings, apps, files }, locate)
    : { findings, apps, files };
  const inScope = changes ? new Set(changes.files) : undefined;
  const compared = baseline
    ? baselines?.compareWithBaseline(judged.findings, baseline, (file) => inScope?.has(file) ?? true)
    : undefined;
  return {
    root,
    ...judged,
    ...(compared ? { baseline: compared } : {}),
    skipped,
    parseErrors,
    stats: {
      files: collected.total,
      bytes: collected.bytes,
      parsed: files.length,
      ignored: collected.ignored,
      workers: pipeline.workerCount,
      durationMs: Math.round(performance.now() - started),
      ...(cache ? { cache: cache.stats } : {}),
    },
  };
}
