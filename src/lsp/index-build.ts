import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CacheOptions } from '../cache/fact-cache.js';
import type { KmsCodemodConfig } from '../config/config.js';
import type { ScanProgress, ScanResult } from '../scan/index.js';

/** What one index build scans: a workspace folder, with the config the server resolved for it. */
export interface IndexRequest {
  root: string;
  config: KmsCodemodConfig;
  /** The fact cache (`ScanOptions.cache`), or false. */
  cache: false | CacheOptions;
}

/** Messages from the index process. */
export type IndexMessage =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'done'; result: ScanResult }
  | { type: 'failed'; message: string };

/** A running build: its result, and a way to stop it (shutdown, a folder removed) or hold it. */
export interface IndexBuild {
  result: Promise<ScanResult>;
  cancel(): void;
  /** Holds the build (every thread of its process) while an edit is analysed; `resume` lets it go on. */
  pause(): void;
  resume(): void;
}

/** SIGSTOP/SIGCONT exist on POSIX systems only; elsewhere the build just runs alongside. */
const CAN_PAUSE = process.platform !== 'win32';

function indexerPath(): string | undefined {
  // A child needs compiled JavaScript; from the TypeScript sources (tests) the scan runs in-process.
  return import.meta.url.endsWith('.js')
    ? fileURLToPath(new URL('./index-process.js', import.meta.url))
    : undefined;
}

function forkIndexer(path: string): ChildProcess {
  // stdout is the LSP stream: the child never writes there.
  const child = fork(path, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** An index process started ahead of its first build, loading the scan while the server starts. */
let spare: ChildProcess | undefined;

/**
 * Starts the first index process now, before the server has loaded or the client has said which
 * folders to index: its start-up (Node and the scan's modules) then overlaps the server's instead of
 * coming after `initialized`. The first build takes it.
 */
export function prestartIndexer(): void {
  const path = indexerPath();
  if (path && !spare) spare = forkIndexer(path);
}

/** The client asked for no index: the process started ahead goes. */
export function dropSpareIndexer(): void {
  spare?.kill('SIGKILL');
  spare = undefined;
}

/**
 * Runs `scan()` on a folder in a child process, so the server keeps answering while a large tree is
 * read and parsed (scan reads synchronously), gets the build's memory back when it ends, and can stop
 * it at any moment: a worker thread stopped while tree-sitter parses aborts the whole process.
 */
export function buildIndex(req: IndexRequest, onProgress: (p: ScanProgress) => void): IndexBuild {
  const path = indexerPath();
  if (!path) return buildInProcess(req, onProgress);
  const child = spare && spare.exitCode === null && spare.connected ? spare : forkIndexer(path);
  spare = undefined;
  let cancelled = false;
  const result = new Promise<ScanResult>((resolve, reject) => {
    child.on('message', (m: IndexMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') resolve(m.result);
      else reject(new Error(m.message));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      reject(new Error(cancelled ? 'cancelled' : `the index process stopped (${signal ?? `exit ${code}`})`));
    });
  });
  child.send(req);
  return {
    result,
    cancel: () => {
      cancelled = true;
      child.kill('SIGKILL');
    },
    pause: () => {
      if (CAN_PAUSE && child.exitCode === null) child.kill('SIGSTOP');
    },
    resume: () => {
      if (CAN_PAUSE && child.exitCode === null) child.kill('SIGCONT');
    },
  };
}

/** Index processes still running: ended with the server, even when it dies of an error. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function buildInProcess(req: IndexRequest, onProgress: (p: ScanProgress) => void): IndexBuild {
  let cancelled = false;
  const result = import('../scan/index.js').then(async ({ scan }) => {
    const scanned = await scan({ root: req.root, config: req.config, cache: req.cache, onProgress });
    if (cancelled) throw new Error('cancelled');
    return scanned;
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
    pause: () => undefined,
    resume: () => undefined,
  };
}
