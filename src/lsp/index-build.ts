import { Worker } from 'node:worker_threads';
import type { KmsCodemodConfig } from '../config/config.js';
import type { ScanProgress, ScanResult } from '../scan/index.js';

/** What one index build scans: a workspace folder, with the config the server resolved for it. */
export interface IndexRequest {
  root: string;
  config: KmsCodemodConfig;
}

/** Messages from the index thread. */
export type IndexMessage =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'done'; result: ScanResult }
  | { type: 'failed'; message: string };

/** A running build: its result, and a way to stop it (shutdown, or a folder removed). */
export interface IndexBuild {
  result: Promise<ScanResult>;
  cancel(): void;
}

function workerUrl(): URL | undefined {
  // A worker needs compiled JavaScript; from the TypeScript sources (tests) the scan runs in-process.
  return import.meta.url.endsWith('.js') ? new URL('./index-worker.js', import.meta.url) : undefined;
}

/**
 * Runs `scan()` on a folder in its own thread, so the server keeps answering while a large tree is
 * read and parsed (scan reads synchronously; on the main thread it would hold every request up). The
 * thread ends with the build, which gives its memory back.
 */
export function buildIndex(req: IndexRequest, onProgress: (p: ScanProgress) => void): IndexBuild {
  const url = workerUrl();
  if (!url) return buildInProcess(req, onProgress);
  const worker = new Worker(url, { workerData: req });
  let cancelled = false;
  const result = new Promise<ScanResult>((resolve, reject) => {
    worker.on('message', (m: IndexMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        resolve(m.result);
        void worker.terminate();
      } else reject(new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      reject(new Error(cancelled ? 'cancelled' : `the index thread stopped (exit ${code})`));
    });
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}

function buildInProcess(req: IndexRequest, onProgress: (p: ScanProgress) => void): IndexBuild {
  let cancelled = false;
  const result = import('../scan/index.js').then(async ({ scan }) => {
    const scanned = await scan({ root: req.root, config: req.config, onProgress });
    if (cancelled) throw new Error('cancelled');
    return scanned;
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
    },
  };
}
