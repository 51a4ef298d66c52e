import { availableParallelism } from 'node:os';
import type { FactCache } from '../cache/fact-cache.js';
import { WalkRecorder } from '../cache/walk-snapshot.js';
import { hasParser } from '../languages/index.js';
import type {
  CodeDigests,
  ExtractOutcome,
  FileFacts,
  Language,
  ParseErrorNote,
  Skip,
} from '../model/index.js';
import type { TaskPipeline } from '../workspace/task-pipeline.js';
import { type SourceEntry, type WalkResult, walk } from '../workspace/walk.js';
import { EXTRACT_JOB } from './extract-job.js';
import { type CacheNote, type ExtractTask, readAll } from './process-files.js';
import type { ScanProgress } from './scan.js';

/**
 * Below this much to read, a worker thread costs more than it saves: it loads the parsers and starts
 * with a cold JIT, ~0.3 s of CPU. Past it, that load hides behind the reading on another core
 * (measured on bench/scan.bench.mjs: 12,567 files, 200 MB, 113 of them parsed).
 */
const WORKERS_MIN_FILES = 1000;

/**
 * With a warm fact cache most candidates are not parsed at all, so a worker starts only once this many
 * are: below it, the main thread parses them in less time than a worker takes to start and load its
 * parsers (measured: ten edited files of four languages, 0.7-0.8 CPU-s in-process, 0.85-0.97 with a
 * worker started at the first).
 */
const WORKERS_MIN_TASKS_WARM = 64;

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

export interface CollectOptions {
  root: string;
  /** Absolute paths to walk (default: the root). */
  paths?: string[];
  ignore: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  /** For files that are not UTF-8: an encoding name, or `auto` (detect). */
  encoding?: string;
  workers?: number;
  pipeline: TaskPipeline;
  cache?: FactCache;
  /** Narrows what the walk found to the files that must be read (a `--since` scan's applications). */
  narrow?: (sources: SourceEntry[], manifests: readonly string[]) => SourceEntry[];
  onProgress?: (p: ScanProgress) => void;
}

/** Every file's facts, in walk order, with what could not be analysed. */
export interface CollectedFacts {
  files: FileFacts[];
  digests: Map<string, CodeDigests>;
  skipped: Skip[];
  parseErrors: ParseErrorNote[];
  manifests: string[];
  /** Every source file the walk found (read or not). */
  sources: SourceEntry[];
  /** What the fact cache is saved for (see FactCache.save): the whole root's files, or undefined. */
  cacheScope: SourceEntry[] | undefined;
  /** Source files the walk found. */
  total: number;
  bytes: number;
  ignored: number;
}

/** One candidate in walk order: its outcome from the cache, or the pipeline task that extracts it. */
type Slot = { file: string; outcome: ExtractOutcome } | { file: string; task: number; note?: CacheNote };

/**
 * Walk, read and prefilter, extract: the per-file half of a scan. Candidates go to the pipeline as they
 * are read (workers start during the walk on a large tree, so they load their parsers meanwhile);
 * with a fact cache, unchanged files are served from it and the new outcomes are stored in it.
 */
export async function collectFacts(opts: CollectOptions): Promise<CollectedFacts> {
  const { pipeline, cache, onProgress } = opts;
  pipeline.begin<ExtractOutcome>({
    lost: () => ({
      ok: false,
      reason: 'extract-failed',
      detail:
        'the analyser thread stopped on this file (it crashed or took too long); exclude the file with --ignore and report it',
      transient: true,
    }),
    onDone: (done, all) => onProgress?.({ phase: 'parse', done, total: all }),
  });
  const url = workerUrl();
  const seen = new Set<Language>();
  const startWorkers = (files: number, languages: Iterable<Language>) => {
    if (!url || pipeline.workerCount > 0) return;
    const workers = workerCount(opts.workers, files);
    if (workers > 0) pipeline.startWorkers(url, workers, [{ job: EXTRACT_JOB, arg: [...languages] }]);
  };
  const warmCache = cache?.isWarm ?? false;
  const wholeRoot = !opts.paths || (opts.paths.length === 1 && opts.paths[0] === opts.root);
  const walkKey = JSON.stringify({ ignore: opts.ignore, includeVendored: Boolean(opts.includeVendored) });
  const walkFresh = (): WalkResult => {
    const recorder = cache && wholeRoot ? new WalkRecorder() : undefined;
    const result = walk({
      root: opts.root,
      paths: opts.paths,
      ignore: opts.ignore,
      includeVendored: opts.includeVendored,
      onSource: (entry, count) => {
        if (count % 1000 === 0) onProgress?.({ phase: 'walk', done: count, total: 0 });
        recorder?.onSource(entry.rel);
        if (hasParser(entry.language)) seen.add(entry.language);
        if (!warmCache) startWorkers(count, seen);
      },
      onDir: recorder && ((abs, rel) => recorder.onDir(abs, rel)),
    });
    if (recorder) cache?.recordWalk(recorder.snapshot(walkKey, result));
    return result;
  };
  const reused = wholeRoot ? cache?.cachedWalk(walkKey) : undefined;
  const walked = reused ?? walkFresh();
  const sources = opts.narrow ? opts.narrow(walked.sources, walked.manifests) : walked.sources;
  const total = walked.sources.length;
  const slots: Slot[] = [];
  const pending = new Set<Language>();
  let tasks = 0;
  const read = readAll(
    sources,
    opts.maxFileSize,
    {
      onCandidate: (task: ExtractTask, note?: CacheNote) => {
        slots.push({ file: task.file, task: tasks++, note });
        if (warmCache) {
          pending.add(task.language);
          if (tasks === WORKERS_MIN_TASKS_WARM) startWorkers(total, pending);
        }
        pipeline.submit({
          job: EXTRACT_JOB,
          payload: task,
          language: task.language,
          weight: task.text.length,
        });
      },
      onCached: (file, outcome) => {
        slots.push({ file, outcome });
      },
      onFile: (i) => {
        if (i % 500 === 0) onProgress?.({ phase: 'read', done: i, total });
      },
    },
    cache,
    opts.encoding,
  );
  const outcomes = await pipeline.finish<ExtractOutcome>();
  const out: CollectedFacts = {
    files: [],
    digests: new Map(),
    skipped: [...walked.skipped, ...read.skipped],
    parseErrors: [],
    manifests: walked.manifests,
    sources: walked.sources,
    cacheScope: wholeRoot && sources === walked.sources ? walked.sources : undefined,
    total,
    bytes: read.bytes,
    ignored: walked.ignoredCount,
  };
  for (const slot of slots) {
    let o: ExtractOutcome;
    if ('outcome' in slot) o = slot.outcome;
    else {
      o = outcomes[slot.task];
      if (cache && slot.note) cache.recordFacts(slot.file, slot.note.stat, slot.note.hash, o);
    }
    if (!o.ok) {
      out.skipped.push({ file: slot.file, reason: o.reason, detail: o.detail });
      continue;
    }
    out.files.push(o.facts);
    out.digests.set(o.facts.file, o.digests);
    const first = o.facts.parseErrors[0];
    if (first)
      out.parseErrors.push({
        file: o.facts.file,
        line: first.range?.start.line ?? 1,
        message: first.message,
      });
  }

  return out;
}
