import { parentPort } from 'node:worker_threads';
import type { SourceEntry } from '../workspace/walk.js';
import { processBatch } from './process-files.js';

/** Worker side of the scan pool (src/workspace/pool.ts): reads, prefilters and extracts a batch of files. */
parentPort?.on('message', async (msg: { index: number; input: SourceEntry[] }) => {
  try {
    parentPort?.postMessage({ index: msg.index, output: await processBatch(msg.input) });
  } catch (err) {
    parentPort?.postMessage({ index: msg.index, error: (err as Error).message });
  }
});
