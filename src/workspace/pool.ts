import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

interface Task {
  index: number;
  input: unknown;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  size?: number;
  /** A task running longer than this is abandoned (its worker replaced) and reported as an error. */
  taskTimeoutMs?: number;
  /** Called as each input finishes (for progress), with its index. */
  onResult?: (index: number) => void;
}

/**
 * The parent's Node flags minus those that only make sense for a main script: a worker started
 * under `node --input-type=module -e ...` would otherwise fail to start.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--input-type')) continue;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Runs `workerUrl` (a compiled .js module that answers `{index, input}` with `{index, output}` or
 * `{index, error}`) over the cores. Results come back in input order; a failed or hung task yields an
 * Error in its place and the run goes on.
 */
export async function runPool<I, O>(
  workerUrl: URL,
  inputs: readonly I[],
  opts: PoolOptions = {},
): Promise<(O | Error)[]> {
  const size = Math.max(1, Math.min(opts.size ?? availableParallelism(), inputs.length));
  const timeoutMs = opts.taskTimeoutMs ?? 300_000;
  const results = new Array<O | Error>(inputs.length);
  let next = 0;
  let done = 0;

  return new Promise((resolveAll) => {
    if (inputs.length === 0) return resolveAll(results);
    const slots: Slot[] = [];

    const finish = (slot: Slot, value: O | Error, workerLost = false): void => {
      const task = slot.task;
      if (!task) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.task = undefined;
      results[task.index] = value;
      done++;
      opts.onResult?.(task.index);
      if (workerLost) void slot.worker.terminate();
      if (done === inputs.length) {
        for (const s of slots) void s.worker.terminate();
        resolveAll(results);
        return;
      }
      if (workerLost) spawn(slot);
      feed(slot);
    };

    const spawn = (slot: Slot): void => {
      const worker = new Worker(workerUrl, { execArgv: workerExecArgv() });
      slot.worker = worker;
      worker.on('message', (msg: { index: number; output?: O; error?: string }) => {
        if (slot.worker !== worker || slot.task?.index !== msg.index) return;
        finish(slot, msg.error !== undefined ? new Error(msg.error) : (msg.output as O));
      });
      worker.on('error', (err) => {
        if (slot.worker !== worker) return;
        // The worker died (e.g. out of memory on one input): report that input, start a fresh worker.
        finish(slot, err instanceof Error ? err : new Error(String(err)), true);
      });
    };

    const feed = (slot: Slot): void => {
      if (next >= inputs.length) return;
      const index = next++;
      slot.task = { index, input: inputs[index] };
      slot.timer = setTimeout(
        () => finish(slot, new Error(`gave up after ${timeoutMs} ms`), true),
        timeoutMs,
      );
      slot.worker.postMessage({ index, input: inputs[index] });
    };

    for (let i = 0; i < size; i++) {
      const slot = { task: undefined } as unknown as Slot;
      slots.push(slot);
      spawn(slot);
      feed(slot);
    }
  });
}
