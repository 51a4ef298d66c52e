import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { type KmsCodemodConfig, loadConfig, type RuleSetting } from '../config/config.js';
import type { FileFacts, Finding } from '../model/index.js';
import { RULES } from '../rules/index.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import { runPool } from '../workspace/pool.js';
import { readSource } from '../workspace/read-source.js';
import type { Skip } from '../workspace/skips.js';
import { walk } from '../workspace/walk.js';
import { type AppResult, analyzeApp, judgeApp } from './app-pass.js';
import { type ExtractOutcome, extractFile } from './extract-file.js';
import type { ExtractTask } from './extract-worker.js';
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
  /** Extraction threads: 0 runs in-process; default picks by the amount of work. */
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

/** Below this much text to parse, starting threads costs more than it saves. */
const POOL_MIN_BYTES = 1024 * 1024;

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
  // Workers need compiled JavaScript; from the TypeScript sources (tests) extraction runs in-process.
  return import.meta.url.endsWith('.js') ? new URL('./extract-worker.js', import.meta.url) : undefined;
}

async function extractAll(tasks: ExtractTask[], requested: number | undefined, bytes: number): Promise<{ outcomes: ExtractOutcome[]; workers: number }> {
  const url = workerUrl();
  const auto = bytes >= POOL_MIN_BYTES ? Math.min(availableParallelism(), 8) : 0;
  const n = url ? Math.min(requested ?? auto, tasks.length) : 0;
  if (n <= 0 || !url) {
    const outcomes: ExtractOutcome[] = [];
    for (const t of tasks) outcomes.push(await extractFile(t.file, t.text, t.language));
    return { outcomes, workers: 0 };
  }
  const results = await runPool<ExtractTask, ExtractOutcome>(url, tasks, { size: n });
  const outcomes = results.map((r): ExtractOutcome =>
    r instanceof Error ? { ok: false, reason: 'extract-failed', detail: `the analyser failed: ${r.message.split('\n')[0].slice(0, 200)}` } : r,
  );
  return { outcomes, workers: n };
}

/** The library API under every face (CLI, LSP, PR bot): walk, prefilter, extract, join per app, rules. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const root = resolve(options.root ?? defaultRoot(options.paths));
  const config =
    typeof options.config === 'object'
      ? options.config
      : loadConfig(root, RULES.map((r) => r.meta.id), typeof options.config === 'string' ? resolve(options.config) : undefined);
  const walked = walk({
    root,
    paths: options.paths?.map((p) => resolve(p)),
    ignore: [...config.ignores, ...(options.ignore ?? [])],
    includeVendored: options.includeVendored ?? config.includeVendored,
    maxFileSize: options.maxFileSize ?? config.maxFileSize,
  });
  const skipped = [...walked.skipped];
  const tasks: ExtractTask[] = [];
  let bytes = 0;
  let candidateBytes = 0;
  walked.sources.forEach((src, i) => {
    const r = readSource(src.abs, src.rel, src.language);
    if (r.kind === 'skip') skipped.push(r.skip);
    else {
      bytes += r.bytes;
      if (r.kind === 'text') {
        tasks.push({ file: src.rel, text: r.text, language: src.language });
        candidateBytes += r.bytes;
      }
    }
    if (options.onProgress && i % 200 === 0) options.onProgress({ phase: 'read', done: i, total: walked.sources.length });
  });
  options.onProgress?.({ phase: 'parse', done: 0, total: tasks.length });
  const { outcomes, workers } = await extractAll(tasks, options.workers, candidateBytes);
  const files: FileFacts[] = [];
  const parseErrors: ParseErrorNote[] = [];
  outcomes.forEach((o, i) => {
    if (!o.ok) {
      skipped.push({ file: tasks[i].file, reason: o.reason, detail: o.detail });
      return;
    }
    files.push(o.facts);
    const first = o.facts.parseErrors[0];
    if (first) parseErrors.push({ file: o.facts.file, line: first.range?.start.line ?? 1, message: first.message });
  });
  options.onProgress?.({ phase: 'parse', done: tasks.length, total: tasks.length });

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
      files: walked.sources.length,
      bytes,
      parsed: files.length,
      ignored: walked.ignoredCount,
      workers,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
