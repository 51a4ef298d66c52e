import { parentPort, workerData } from 'node:worker_threads';
import { type ScanProgress, scan } from '../scan/index.js';
import type { IndexMessage, IndexRequest } from './index-build.js';

/** Progress goes to the editor a few times a second at most. */
const PROGRESS_EVERY_MS = 150;

async function main(req: IndexRequest): Promise<void> {
  const post = (m: IndexMessage) => parentPort?.postMessage(m);
  let last = 0;
  const onProgress = (progress: ScanProgress) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS && progress.done !== progress.total) return;
    last = now;
    post({ type: 'progress', progress });
  };
  try {
    post({ type: 'done', result: await scan({ root: req.root, config: req.config, onProgress }) });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}

void main(workerData as IndexRequest);
