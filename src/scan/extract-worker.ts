import { parentPort } from 'node:worker_threads';
import { type ExtractTask, extractBatch } from './process-files.js';

/** Worker side of the scan pool (src/workspace/pool.ts): extracts the facts of a batch of files. */
parentPort?.on('message', async (msg: { index: number; input: ExtractTask[] }) => {
  try {
    parentPort?.postMessage({ index: msg.index, output: await extractBatch(msg.input) });
  } catch (err) {
    parentPort?.postMessage({ index: msg.index, error: (err as Error).message });
  }
});
