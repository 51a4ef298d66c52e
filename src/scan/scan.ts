import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { RuleSetting } from '../config/config.js';
import { type ConfigSetting, resolveConfig } from '../config/resolve-config.js';
import { hasParser } from '../languages/index.js';
import type { FileFacts, Finding, Language, ParseErrorNote, ScanResult, Skip } from '../model/index.js';
import { RULES } from '../rules/index.js';
import { ancestorManifests } from '../workspace/ancestor-manifests.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import { TaskPipeline } from '../workspace/task-pipeline.js';
import { walk } from '../workspace/walk.js';
import { classifyApps } from './app-kind-pass.js';
import { analyzeApp, judgeApp, judgeNothingScanned, unreadByApp } from './app-pass.js';
import type { ExtractOutcome } from './extract-file.js';
import { EXTRACT_JOB } from './extract-job.js';
import { markDormantCalls } from './generated-pass.js';
import { findMissingSdks } from './half-migrated.js';
import { type ExtractTask, readAll } from './process-files.js';
import { runRules } from './run-rules.js';

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
   * Threads to parse with, left running afterwards: `migrate` passes its own so that its rewrites reuse
   * the warm workers. By default the scan makes and closes its own.
   */
  pipeline?: TaskPipeline;
}

/**
 * Below this much to read, a worker thread costs more than it saves: it loads the parsers and starts
 * with a cold JIT, ~0.3 s of CPU. Past it, that load hides behind the reading on another core
 * (measured on bench/scan.bench.mjs: 12,567 files, 200 MB, 113 of them parsed).
 */
const WORKERS_MIN_FILES = 1000;

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

function workerUrl(): URL | undefined {
  // Workers need compiled JavaScript; from the TypeScript sources (tests) everything runs in-process.
  return import.meta.url.endsWith('.js')
    ? new URL('../workspace/task-worker.js', import.meta.url)
    : undefined;
}

/** Worker threads besides the main one, which reads the files and then extracts too. */
function workerCount(requested: number | undefined, files: number): number {
  if (requested !== undefined) return Math.max(0, requested);
  return files >= WORKERS_MIN_FILES ? Math.max(1, availableParallelism() - 1) : 0;
}

/** The library API under every face (CLI, LSP, PR bot): walk, prefilter, extract, join per app, rules. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? defaultRoot(options.paths));
  const config = resolveConfig(
    options.config,
    root,
    (options.paths ?? []).map((p) => resolve(p)),
    RULES.map((r) => r.meta.id),
  );
  const pipeline = options.pipeline ?? new TaskPipeline();
  pipeline.begin<ExtractOutcome>({
    lost: () => ({
      ok: false,
      reason: 'extract-failed',
      detail:
        'the analyser thread stopped on this file (it crashed or took too long); exclude the file with --ignore and report it',
    }),
    onDone: (done, all) => options.onProgress?.({ phase: 'parse', done, total: all }),
  });
  const url = workerUrl();
  const seen = new Set<Language>();
  const walked = walk({
    root,
    paths: options.paths?.map((p) => resolve(p)),
    ignore: [...config.ignores, ...(options.ignore ?? [])],
    includeVendored: options.includeVendored ?? config.includeVendored,
    // Workers start as soon as the tree is known to be large, so they load their parsers during the walk.
    onSource: (entry, count) => {
      if (count % 1000 === 0) options.onProgress?.({ phase: 'walk', done: count, total: 0 });
      if (hasParser(entry.language)) seen.add(entry.language);
      if (!url || pipeline.workerCount > 0) return;
      const workers = workerCount(options.workers, count);
      if (workers > 0) pipeline.startWorkers(url, workers, [{ job: EXTRACT_JOB, arg: [...seen] }]);
    },
  });
  const total = walked.sources.length;
  const taskFiles: string[] = [];
  const read = readAll(
    walked.sources,
    options.maxFileSize ?? config.maxFileSize,
    (task: ExtractTask) => {
      taskFiles.push(task.file);
      pipeline.submit({ job: EXTRACT_JOB, payload: task, language: task.language, weight: task.text.length });
    },
    (i) => {
      if (i % 500 === 0) options.onProgress?.({ phase: 'read', done: i, total });
    },
    options.encoding ?? config.encoding,
  );
  const skipped = [...walked.skipped, ...read.skipped];
  const outcomes = await pipeline.finish<ExtractOutcome>();
  if (!options.pipeline) pipeline.close();
  const files: FileFacts[] = [];
  const parseErrors: ParseErrorNote[] = [];
  outcomes.forEach((o, i) => {
    if (!o.ok) {
      skipped.push({ file: taskFiles[i], reason: o.reason, detail: o.detail });
      return;
    }
    files.push(o.facts);
    const first = o.facts.parseErrors[0];
    if (first)
      parseErrors.push({ file: o.facts.file, line: first.range?.start.line ?? 1, message: first.message });
  });

  const manifests = new Set([
    ...walked.manifests,
    ...ancestorManifests(root, options.paths?.map((p) => resolve(p)) ?? []),
  ]);
  const appDirs = discoverApps([...manifests]);
  const locate = appLocator(appDirs);
  const byApp = new Map<string, FileFacts[]>(appDirs.map((a) => [a.dir, []]));
  for (const f of files) byApp.get(locate(f.file))?.push(f);
  const unread = unreadByApp(skipped, locate);
  const analyses = appDirs.map((a) => analyzeApp(a, byApp.get(a.dir) ?? [], unread.get(a.dir)));
  classifyApps(root, analyses, walked.sources, locate);
  markDormantCalls(root, analyses, walked.sources, locate);
  for (const a of analyses) a.missingSdks = findMissingSdks(root, a);
  const settings = { ...config.rules, ...(options.rules ?? {}) };
  const findings = runRules(analyses, settings);
  const judged = analyses.map(judgeApp);
  const apps = total === 0 ? judgeNothingScanned(judged, walked.ignoredCount) : judged;
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    root,
    files,
    findings,
    apps,
    skipped,
    parseErrors,
    stats: {
      files: total,
      bytes: read.bytes,
      parsed: files.length,
      ignored: walked.ignoredCount,
      workers: pipeline.workerCount,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
