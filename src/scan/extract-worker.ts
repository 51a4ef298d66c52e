import { parentPort, workerData } from 'node:worker_threads';
import { loadLanguage } from '../languages/index.js';
import type { Language } from '../model/index.js';
import { type ExtractOutcome, extractFile } from './extract-file.js';
import { BY_WORKER, UNCLAIMED } from './extract-pipeline.js';
import type { ExtractTask } from './process-files.js';

/** What the main thread gives a worker at start (see ExtractPipeline). */
export interface WorkerSetup {
  claims: SharedArrayBuffer;
  preload: Language[];
}

export type WorkerMessage =
  | { kind: 'task'; index: number; task: ExtractTask }
  | { kind: 'end' }
  | { kind: 'result'; index: number; outcome: ExtractOutcome }
  | { kind: 'drained' };

function isCompiled(language: Language): boolean {
  return language === 'typescript' || language === 'javascript';
}

/** Loads a language and runs it once on an empty file, so its grammar and query are ready. */
async function warm(language: Language): Promise<void> {
  const mod = await loadLanguage(language);
  mod?.extract(`warm-up.${language}`, '');
}

if (parentPort && workerData) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const claims = new Int32Array(setup.claims);
  // Messages are handled one after another, after the parsers have loaded. The TypeScript compiler
  // loads last: it takes longest, and files for the tree-sitter parsers can start meanwhile.
  const order = [...setup.preload].sort((a, b) => Number(isCompiled(a)) - Number(isCompiled(b)));
  let queue: Promise<void> = Promise.resolve();
  for (const language of order) queue = queue.then(() => warm(language)).catch(() => {});
  port.on('message', (msg: WorkerMessage) => {
    queue = queue.then(async () => {
      if (msg.kind === 'end') port.postMessage({ kind: 'drained' } satisfies WorkerMessage);
      else if (msg.kind === 'task') {
        if (Atomics.compareExchange(claims, msg.index, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return;
        const outcome = await extractFile(msg.task.file, msg.task.text, msg.task.language);
        port.postMessage({ kind: 'result', index: msg.index, outcome } satisfies WorkerMessage);
      }
    });
  });
}
