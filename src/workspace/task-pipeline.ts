import { Worker } from 'node:worker_threads';
import { languageIsLoaded, usesTypeScriptCompiler } from '../languages/index.js';
import type { Language } from '../model/index.js';
import type { PipelineMessage, WorkerSetup } from './task-worker.js';

/** Who took a task, in the phase's shared claim array: whoever swaps UNCLAIMED out first runs it. */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
const BY_MAIN = 2;

/**
 * Tasks past this many in one phase run on the main thread. The claim array is allocated before the
 * walk has counted the files; 256 KB untouched costs nothing.
 */
const CLAIM_CAPACITY = 65536;

/** Worth loading the TypeScript compiler on the main thread too (it costs ~0.3 s cold) only past this much TS/JS. */
const MAIN_TS_MIN_CHARS = 256 * 1024;

/** One unit of work: the `run(payload)` of a job module, on whichever thread claims it first. */
export interface PipelineTask {
  /** URL of a module exporting `run(payload)`; in workers it must be compiled JavaScript. */
  job: string;
  payload: unknown;
  /** The file's language: TS/JS tasks go to a thread that has the compiler loaded when it can. */
  language: Language;
  /** Text length, to give the next task to the least loaded worker. */
  weight: number;
}

/** A job module: `run` does one task; `warm`, when present, loads what `run` needs ahead of time. */
export interface JobModule {
  run(payload: unknown): unknown;
  warm?(arg: unknown): unknown;
}

const jobs = new Map<string, Promise<JobModule>>();

/**
 * Lets the event loop turn. tree-sitter's Node binding frees syntax trees and node wrappers only in
 * native cleanup callbacks, which run when the loop gets a turn; a thread that goes from one task to
 * the next through already-resolved promises never gives it one, and its garbage piles up (956 MB
 * peak on a 600 MB Go tree; 290 MB when yielding after each task, at no cost in time).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Job modules load once per thread (workers keep their own map). */
export function loadJob(url: string): Promise<JobModule> {
  let p = jobs.get(url);
  if (!p) {
    p = import(url) as Promise<JobModule>;
    jobs.set(url, p);
  }
  return p;
}

interface Slot {
  worker: Worker;
  sentWeight: number;
  /** Dead, stopped, or done with the current phase. */
  settled: boolean;
  dead: boolean;
  lastHeard: number;
  settle: () => void;
  finished: Promise<void>;
}

export interface PhaseOptions<O> {
  /** What a task yields when the thread that claimed it died or went silent. */
  lost: (task: PipelineTask) => O;
  onDone?: (done: number, total: number) => void;
}

/**
 * Work that overlaps the main thread's own work: tasks go to worker threads as soon as they are
 * submitted (the workers load their parsers meanwhile), and in `finish()` the main thread takes tasks
 * from the other end of the list. A lock-free claim per task (Atomics on a shared array) makes sure
 * exactly one thread runs it, and nobody waits for a task that is not started. The workers live
 * across phases (scan's extraction, then migrate's rewrites), warm, until `close()`.
 */
export class TaskPipeline {
  private readonly slots: Slot[] = [];
  private phaseId = 0;
  private claims: Int32Array;
  private tasks: PipelineTask[] = [];
  private outcomes: unknown[] = [];
  private done = 0;
  private phase?: PhaseOptions<unknown>;
  private begun = false;

  constructor(
    private readonly opts: { taskTimeoutMs?: number } = {},
    private readonly capacity = CLAIM_CAPACITY,
  ) {
    this.claims = this.freshClaims();
  }

  private freshClaims(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(4 * this.capacity));
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /** Starts `count` workers (once; `workerUrl` is the compiled task-worker.js), each running the `warm` steps first. */
  startWorkers(workerUrl: URL, count: number, warm: { job: string; arg: unknown }[]): void {
    if (this.slots.length > 0) return;
    for (let i = 0; i < count; i++) this.slots.push(this.spawn(workerUrl, warm));
  }

  private spawn(url: URL, warm: { job: string; arg: unknown }[]): Slot {
    const setup: WorkerSetup = { claims: this.claims.buffer as SharedArrayBuffer, phase: this.phaseId, warm };
    const worker = startWorker(url, setup);
    const slot = { worker, sentWeight: 0, settled: false, dead: false, lastHeard: Date.now() } as Slot;
    this.resetSettle(slot);
    const die = () => {
      slot.dead = true;
      slot.settled = true;
      slot.settle();
    };
    worker.on('message', (msg: PipelineMessage) => {
      slot.lastHeard = Date.now();
      if (msg.phase !== this.phaseId) return; // a late answer from an earlier phase
      if (msg.kind === 'drained') {
        slot.settled = true;
        slot.settle();
      } else if (msg.kind === 'result') this.record(msg.index, msg.outcome);
    });
    // A worker that dies (out of memory on one input, a native crash) loses at most the one task it
    // had claimed; finish() reports that task and runs the unclaimed rest itself.
    worker.on('error', die);
    worker.on('exit', die);
    return slot;
  }

  private resetSettle(slot: Slot): void {
    slot.finished = new Promise<void>((resolve) => {
      slot.settle = resolve;
    });
  }

  /** Starts a phase: the tasks submitted until `finish()` form one list of outcomes. */
  begin<O>(options: PhaseOptions<O>): void {
    if (this.phase) throw new Error('TaskPipeline: finish() the current phase first');
    // The first phase uses the claims the workers started with; each later one gets fresh claims.
    if (this.begun) {
      this.phaseId++;
      this.claims = this.freshClaims();
      this.tasks = [];
      this.outcomes = [];
      this.done = 0;
      for (const s of this.slots) {
        if (s.dead) continue;
        s.settled = false;
        s.sentWeight = 0;
        s.lastHeard = Date.now();
        this.resetSettle(s);
        s.worker.postMessage({
          kind: 'phase',
          phase: this.phaseId,
          claims: this.claims.buffer as SharedArrayBuffer,
        } satisfies PipelineMessage);
      }
    }
    this.phase = options as PhaseOptions<unknown>;
    this.begun = true;
  }

  private record(index: number, outcome: unknown): void {
    if (this.outcomes[index] !== undefined) return;
    this.outcomes[index] = outcome;
    this.done++;
    this.phase?.onDone?.(this.done, this.tasks.length);
  }

  /** Queues one task; with workers it starts right away. */
  submit(task: PipelineTask): void {
    if (!this.phase) throw new Error('TaskPipeline: begin() a phase first');
    const index = this.tasks.length;
    this.tasks.push(task);
    this.outcomes.push(undefined);
    if (index >= this.claims.length) return;
    let target: Slot | undefined;
    for (const s of this.slots) if (!s.dead && (!target || s.sentWeight < target.sentWeight)) target = s;
    if (!target) return;
    target.sentWeight += task.weight;
    target.worker.postMessage({ kind: 'task', phase: this.phaseId, index, task } satisfies PipelineMessage);
  }

  private claim(index: number): boolean {
    if (index >= this.claims.length) return true; // never sent to a worker
    return Atomics.compareExchange(this.claims, index, UNCLAIMED, BY_MAIN) === UNCLAIMED;
  }

  private unclaimed(index: number): boolean {
    return index >= this.claims.length || Atomics.load(this.claims, index) === UNCLAIMED;
  }

  private async runHere(index: number): Promise<void> {
    const task = this.tasks[index];
    const job = await loadJob(task.job);
    this.record(index, await job.run(task.payload));
  }

  /** Whether the main thread should take this task now rather than leave it to a live worker. */
  private mainTakes(task: PipelineTask, unclaimedCompilerChars: number): boolean {
    if (!usesTypeScriptCompiler(task.language) || this.slots.every((s) => s.dead)) return true;
    return languageIsLoaded(task.language) || unclaimedCompilerChars >= MAIN_TS_MIN_CHARS;
  }

  /** Runs what is left, waits for the workers' share, and returns one outcome per task, in order. */
  async finish<O>(): Promise<O[]> {
    const phase = this.phase;
    if (!phase) return [];
    for (const s of this.slots)
      if (!s.dead) s.worker.postMessage({ kind: 'end', phase: this.phaseId } satisfies PipelineMessage);
    let compilerChars = 0;
    for (let i = 0; i < this.tasks.length; i++)
      if (usesTypeScriptCompiler(this.tasks[i].language) && this.unclaimed(i))
        compilerChars += this.tasks[i].weight;
    // From the end: the workers go from the start, so both sides meet somewhere in the middle.
    for (let i = this.tasks.length - 1; i >= 0; i--) {
      const task = this.tasks[i];
      if (!this.unclaimed(i) || !this.mainTakes(task, compilerChars)) continue;
      if (!this.claim(i)) continue;
      if (usesTypeScriptCompiler(task.language)) compilerChars -= task.weight;
      await this.runHere(i);
      await yieldToEventLoop();
    }
    await this.waitForWorkers();
    for (let i = 0; i < this.tasks.length; i++) {
      if (this.outcomes[i] !== undefined) continue;
      if (this.claim(i)) await this.runHere(i);
      else this.record(i, phase.lost(this.tasks[i]));
    }
    const out = this.outcomes as O[];
    this.tasks = []; // the payloads (file texts) are not needed past here
    this.phase = undefined;
    return out;
  }

  private async waitForWorkers(): Promise<void> {
    const timeoutMs = this.opts.taskTimeoutMs ?? 120_000;
    const live = this.slots.filter((s) => !s.settled);
    // Even when every task is done, a worker still warming up is waited for: stopping a thread while
    // tree-sitter's native parser calls back into JavaScript aborts the whole process
    // ("terminate called after throwing an instance of 'Napi::Error'", seen in the npm-pack test).
    // Once drained, a worker is idle between messages, where stopping it is safe.
    if (live.length === 0) return;
    const watchdog = setInterval(
      () => {
        for (const s of live) {
          if (!s.settled && Date.now() - s.lastHeard > timeoutMs) {
            void s.worker.terminate();
            s.dead = true;
            s.settled = true;
            s.settle();
          }
        }
      },
      Math.min(1000, timeoutMs),
    );
    try {
      await Promise.all(live.map((s) => s.finished));
    } finally {
      clearInterval(watchdog);
    }
  }

  /** Stops the workers; after `finish()` they are idle (drained), where stopping them is safe. */
  close(): void {
    for (const s of this.slots) {
      if (s.dead) continue;
      s.dead = true;
      void s.worker.terminate();
    }
  }
}

/**
 * A worker with the parent's Node flags (a loader, conditions) minus those a worker refuses: V8 heap and
 * stack flags such as `--max-old-space-size` are per process, and Node throws
 * ERR_WORKER_INVALID_EXEC_ARGV naming them. They are dropped, and a heap limit is given to the worker
 * as its own resource limit instead.
 */
export function startWorker(url: URL, setup: WorkerSetup, parentArgv = workerExecArgv()): Worker {
  let execArgv = parentArgv;
  const heap = /^--max-old-space-size=(\d+)$/;
  const heapMb = execArgv.map((a) => heap.exec(a)?.[1]).find(Boolean);
  const resourceLimits = heapMb ? { maxOldGenerationSizeMb: Number(heapMb) } : undefined;
  for (;;) {
    try {
      return new Worker(url, { workerData: setup, execArgv, resourceLimits });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || execArgv.length === 0)
        throw err;
      const named = (err as Error).message.replace(/^[^:]*:\s*/, '').split(/,\s*|\s+/);
      const kept = execArgv.filter((a) => !named.includes(a));
      // Flags the message did not name one by one: start the worker with none.
      execArgv = kept.length < execArgv.length ? kept : [];
    }
  }
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
