import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type KmsCodemodConfig, loadConfig, type RuleSetting } from '../config/config.js';
import type { FileFacts, Finding } from '../model/index.js';
import { RULES } from '../rules/index.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import { runPool } from '../workspace/pool.js';
import type { Skip } from '../workspace/skips.js';
import { walk } from '../workspace/walk.js';
import { type AppResult, analyzeApp, judgeApp } from './app-pass.js';
import { type ExtractBatchResult, type ExtractTask, extractBatch, readAll } from './process-files.js';
import { runRules } from './run-rules.js';

export interface ScanOptions {
  /** Files or directories to scan (default: the root). */
  paths?: string[];
  /** Reported paths are relative to it. Default: the single directory given, else the cwd. */
  root?: string;
  /** Extra gitignore-style globs (added to the config's `ignores`). */
  ignore?: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  /** A config object, or the path of a config file; default `<root>/kms-codemod.config.json` if present. */
  config?: KmsCodemodConfig | string;
  /** Per-rule severity overrides on top of the config. */
  rules?: Record<string, RuleSetting>;
  /** Parsing threads: 0 parses in-process; default: one per core once there are 4 MB of candidate files to parse. */
  workers?: number;
  onProgress?: (p: { phase: 'read' | 'parse'; done: number; total: number }) => void;
}

export interface ParseErrorNote {
  file: string;
  line: number;
  message: string;
}

export interface ScanStats {
  /** Source files found by the walk (known languages, within limits). */
  files: number;
  bytes: number;
  /** Files that named an SDK literal and were parsed. */
  parsed: number;
  ignored: number;
  workers: number;
  durationMs: number;
}

export interface ScanResult {
  root: string;
  files: FileFacts[];
  findings: Finding[];
  apps: AppResult[];
  skipped: Skip[];
  /** Files that parsed with syntax errors (analysed where possible); the first error of each. */
  parseErrors: ParseErrorNote[];
  stats: ScanStats;
}

/**
 * Below this much text to parse, threads cost more than they save: each one loads the parsers and
 * starts with a cold JIT (measured on bench/scan.bench.mjs, where ~2 MB of 200 MB is parsed).
 */
const POOL_MIN_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 32;

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
  return import.meta.url.endsWith('.js') ? new URL('./extract-worker.js', import.meta.url) : undefined;
}

type Progress = ScanOptions['onProgress'];

async function extractAll(
  tasks: ExtractTask[],
  taskBytes: number,
  requested: number | undefined,
  onProgress: Progress,
): Promise<{ batches: ExtractBatchResult[]; workers: number }> {
  const url = workerUrl();
  const auto = taskBytes >= POOL_MIN_BYTES ? availableParallelism() : 0;
  const wanted = url ? Math.min(requested ?? auto, tasks.length) : 0;
  // Small enough batches that every thread gets work, large enough that messages stay few.
  const size =
    wanted > 0 ? Math.max(1, Math.min(BATCH_FILES, Math.ceil(tasks.length / wanted))) : BATCH_FILES;
  const batches: ExtractTask[][] = [];
  for (let i = 0; i < tasks.length; i += size) batches.push(tasks.slice(i, i + size));
  const n = Math.min(wanted, batches.length);
  let done = 0;
  const tick = (files: number) => {
    done += files;
    onProgress?.({ phase: 'parse', done, total: tasks.length });
  };
  if (n <= 0 || !url) {
    const out: ExtractBatchResult[] = [];
    for (const b of batches) {
      out.push(await extractBatch(b));
      tick(b.length);
    }
    return { batches: out, workers: 0 };
  }
  const results = await runPool<ExtractTask[], ExtractBatchResult>(url, batches, {
    size: n,
    onResult: (i) => tick(batches[i].length),
  });
  const out = results.map(
    (r, i): ExtractBatchResult =>
      r instanceof Error
        ? {
            facts: [],
            skipped: batches[i].map((t) => ({
              file: t.file,
              reason: 'extract-failed' as const,
              detail: `the analyser failed on this batch: ${r.message.split('\n')[0].slice(0, 200)}`,
            })),
          }
        : r,
  );
  return { batches: out, workers: n };
}

/** The library API under every face (CLI, LSP, PR bot): walk, prefilter, extract, join per app, rules. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? defaultRoot(options.paths));
  const config =
    typeof options.config === 'object'
      ? options.config
      : loadConfig(
          root,
          RULES.map((r) => r.meta.id),
          typeof options.config === 'string' ? resolve(options.config) : undefined,
        );
  const walked = walk({
    root,
    paths: options.paths?.map((p) => resolve(p)),
    ignore: [...config.ignores, ...(options.ignore ?? [])],
    includeVendored: options.includeVendored ?? config.includeVendored,
    maxFileSize: options.maxFileSize ?? config.maxFileSize,
  });
  const total = walked.sources.length;
  const read = readAll(walked.sources, (i) => {
    if (i % 500 === 0) options.onProgress?.({ phase: 'read', done: i, total });
  });
  const skipped = [...walked.skipped, ...read.skipped];
  const { batches, workers } = await extractAll(
    read.tasks,
    read.taskBytes,
    options.workers,
    options.onProgress,
  );
  const files: FileFacts[] = [];
  const parseErrors: ParseErrorNote[] = [];
  for (const b of batches) {
    skipped.push(...b.skipped);
    for (const f of b.facts) {
      files.push(f);
      const first = f.parseErrors[0];
      if (first)
        parseErrors.push({ file: f.file, line: first.range?.start.line ?? 1, message: first.message });
    }
  }

  const appDirs = discoverApps(walked.manifests);
  const locate = appLocator(appDirs);
  const byApp = new Map<string, FileFacts[]>(appDirs.map((a) => [a.dir, []]));
  for (const f of files) byApp.get(locate(f.file))?.push(f);
  const analyses = appDirs.map((a) => analyzeApp(a, byApp.get(a.dir) ?? []));
  const settings = { ...config.rules, ...(options.rules ?? {}) };
  const findings = runRules(analyses, settings);
  const apps = analyses.map(judgeApp);
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
      workers,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
