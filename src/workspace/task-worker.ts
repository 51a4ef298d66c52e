import { parentPort, workerData } from 'node:worker_threads';
import { BY_WORKER, loadJob, type PipelineTask, UNCLAIMED, yieldToEventLoop } from './task-pipeline.js';

/** What the main thread gives a worker at start (see TaskPipeline). */
export interface WorkerSetup {
  claims: SharedArrayBuffer;
  phase: number;
  /** Run before any task: `warm(arg)` of each job module (e.g. load the parsers). */
  warm: { job: string; arg: unknown }[];
}

export type PipelineMessage =
  | { kind: 'phase'; phase: number; claims: SharedArrayBuffer }
  | { kind: 'task'; phase: number; index: number; task: PipelineTask }
  | { kind: 'end'; phase: number }
  | { kind: 'result'; phase: number; index: number; outcome: unknown }
  | { kind: 'drained'; phase: number };

if (parentPort && workerData) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  let claims = new Int32Array(setup.claims);
  let phase = setup.phase;
  // Messages are handled one after another, after the warm-up steps.
  let queue: Promise<void> = Promise.resolve();
  for (const w of setup.warm)
    queue = queue.then(async () => {
      try {
        await (await loadJob(w.job)).warm?.(w.arg);
      } catch {
        // a job that cannot warm up fails on its first task instead, where it is reported
      }
    });
  port.on('message', (msg: PipelineMessage) => {
    queue = queue.then(async () => {
      if (msg.kind === 'phase') {
        phase = msg.phase;
        claims = new Int32Array(msg.claims);
      } else if (msg.kind === 'end') port.postMessage({ kind: 'drained', phase } satisfies PipelineMessage);
      else if (msg.kind === 'task' && msg.phase === phase) {
        if (Atomics.compareExchange(claims, msg.index, UNCLAIMED, BY_WORKER) !== UNCLAIMED) return;
        try {
          const outcome = await (await loadJob(msg.task.job)).run(msg.task.payload);
          port.postMessage({ kind: 'result', phase, index: msg.index, outcome } satisfies PipelineMessage);
        } catch {
          // Claimed without a result: after this phase drains, the main thread reports it as lost.
        }
        await yieldToEventLoop();
      }
    });
  });
}
