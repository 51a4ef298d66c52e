import { Worker } from 'node:worker_threads';
import { languageIsLoaded } from '../languages/index.js';
import type { Language } from '../model/index.js';
import { type ExtractOutcome, extractFile } from './extract-file.js';
import type { WorkerMessage, WorkerSetup } from './extract-worker.js';
import type { ExtractTask } from './process-files.js';

/** Who took a task, in the shared claim array: whoever swaps UNCLAIMED out first extracts it. */
export const UNCLAIMED = 0;
export const BY_WORKER = 1;
const BY_MAIN = 2;

/** Worth loading the TypeScript compiler on the main thread too (it costs ~0.3 s cold) only past this much TS/JS. */
const MAIN_TS_MIN_BYTES = 256 * 1024;
const COMPILER_LANGUAGES = new Set<Language>(['typescript', 'javascript']);

interface Slot {
  worker: Worker;
  /** Bytes of text sent to it, to send the next file to the least loaded one. */
  sentBytes: number;
  settled: boolean;
  lastHeard: number;
  settle: () => void;
  finished: Promise<void>;
}

/**
 * Files past this many candidates are extracted on the main thread. The claim array is allocated
 * before the walk has counted the files; 256 KB untouched costs nothing.
 */
const CLAIM_CAPACITY = 65536;

export interface PipelineOptions {
  /** A worker that reports nothing for this long on one file is stopped; that file is reported. */
  taskTimeoutMs?: number;
  onExtracted?: (done: number, total: number) => void;
}

function taskBytes(t: ExtractTask): number {
  return t.text.length;
}

/**
 * Extraction that overlaps the file reading: each candidate file goes to a worker thread as soon as
 * it is read (the workers load their parsers meanwhile), and when reading is over the main thread
 * takes files from the other end of the list. A lock-free claim per file (Atomics on a shared array)
 * makes sure that exactly one thread extracts it, and nobody waits for work that is not started.
 */
export class ExtractPipeline {
  private readonly tasks: ExtractTask[] = [];
  private readonly outcomes: (ExtractOutcome | undefined)[] = [];
  private readonly claims: Int32Array;
  private readonly slots: Slot[] = [];
  private done = 0;

  constructor(
    private readonly opts: PipelineOptions = {},
    capacity = CLAIM_CAPACITY,
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * capacity));
  }

  /**
   * Starts `count` worker threads (once; `workerUrl` is the compiled extract-worker.js). They load
   * the `preload` languages at once, typically while the main thread is still walking and reading.
   */
  startWorkers(workerUrl: URL, count: number, preload: Language[]): void {
    if (this.slots.length > 0) return;
    for (let i = 0; i < count; i++) this.slots.push(this.spawn(workerUrl, preload));
  }

  get workerCount(): number {
    return this.slots.length;
  }

  private spawn(url: URL, preload: Language[]): Slot {
    const setup: WorkerSetup = { claims: this.claims.buffer as SharedArrayBuffer, preload };
    const worker = new Worker(url, { workerData: setup, execArgv: workerExecArgv() });
    let settle = () => {};
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const slot: Slot = { worker, sentBytes: 0, settled: false, lastHeard: Date.now(), settle, finished };
    const end = () => {
      if (slot.settled) return;
      slot.settled = true;
      slot.settle();
    };
    worker.on('message', (msg: WorkerMessage) => {
      slot.lastHeard = Date.now();
      if (msg.kind === 'drained') {
        end();
        void worker.terminate();
      } else if (msg.kind === 'result') this.record(msg.index, msg.outcome);
    });
    // A worker that dies (out of memory on one input, a native crash) loses at most the one file it
    // had claimed; finish() reports that file and extracts the unclaimed rest itself.
    worker.on('error', end);
    worker.on('exit', end);
    return slot;
  }

  private record(index: number, outcome: ExtractOutcome): void {
    if (this.outcomes[index] !== undefined) return;
    this.outcomes[index] = outcome;
    this.done++;
    this.opts.onExtracted?.(this.done, this.tasks.length);
    if (this.done === this.tasks.length) this.onAllDone?.();
  }

  /** Set while finish() waits: called once every submitted file has its outcome. */
  private onAllDone?: () => void;

  /** Queues one file; with workers it starts being extracted right away. */
  submit(task: ExtractTask): void {
    const index = this.tasks.length;
    this.tasks.push(task);
    this.outcomes.push(undefined);
    if (this.slots.length === 0 || index >= this.claims.length) return;
    let target: Slot | undefined;
    for (const s of this.slots) if (!s.settled && (!target || s.sentBytes < target.sentBytes)) target = s;
    if (!target) return;
    target.sentBytes += taskBytes(task);
    const msg: WorkerMessage = { kind: 'task', index, task };
    target.worker.postMessage(msg);
  }

  private claim(index: number): boolean {
    if (index >= this.claims.length) return true; // never sent to a worker
    return Atomics.compareExchange(this.claims, index, UNCLAIMED, BY_MAIN) === UNCLAIMED;
  }

  private async extractHere(index: number): Promise<void> {
    const t = this.tasks[index];
    this.record(index, await extractFile(t.file, t.text, t.language));
  }

  /** Whether the main thread should take this file now rather than leave it to a worker. */
  private mainTakes(task: ExtractTask, unclaimedCompilerBytes: number): boolean {
    if (!COMPILER_LANGUAGES.has(task.language) || this.slots.every((s) => s.settled)) return true;
    return languageIsLoaded(task.language) || unclaimedCompilerBytes >= MAIN_TS_MIN_BYTES;
  }

  /** Extracts what is left, waits for the workers, and returns one outcome per submitted file, in order. */
  async finish(): Promise<ExtractOutcome[]> {
    for (const s of this.slots) if (!s.settled) s.worker.postMessage({ kind: 'end' } satisfies WorkerMessage);
    let compilerBytes = 0;
    for (let i = 0; i < this.tasks.length; i++)
      if (COMPILER_LANGUAGES.has(this.tasks[i].language) && this.unclaimed(i))
        compilerBytes += taskBytes(this.tasks[i]);
    // From the end: the workers go from the start, so both sides meet somewhere in the middle.
    for (let i = this.tasks.length - 1; i >= 0; i--) {
      const task = this.tasks[i];
      if (!this.unclaimed(i) || !this.mainTakes(task, compilerBytes)) continue;
      if (!this.claim(i)) continue;
      if (COMPILER_LANGUAGES.has(task.language)) compilerBytes -= taskBytes(task);
      await this.extractHere(i);
    }
    await this.waitForWorkers();
    for (let i = 0; i < this.tasks.length; i++) {
      if (this.outcomes[i] !== undefined) continue;
      if (this.claim(i)) await this.extractHere(i);
      else
        this.record(i, {
          ok: false,
          reason: 'extract-failed',
          detail:
            'the analyser thread stopped on this file (it crashed or took too long); exclude the file with --ignore and report it',
        });
    }
    for (const t of this.tasks) t.text = ''; // the texts are not needed past here; let them go
    // A worker may still be loading a parser it turned out not to need; nothing is left for it.
    for (const s of this.slots) if (!s.settled) void s.worker.terminate();
    return this.outcomes as ExtractOutcome[];
  }

  private unclaimed(index: number): boolean {
    return index >= this.claims.length || Atomics.load(this.claims, index) === UNCLAIMED;
  }

  private async waitForWorkers(): Promise<void> {
    const timeoutMs = this.opts.taskTimeoutMs ?? 120_000;
    const live = this.slots.filter((s) => !s.settled);
    if (live.length === 0 || this.done === this.tasks.length) return;
    // Every file done is enough: a worker still loading parsers need not be waited for.
    const allDone = new Promise<void>((resolve) => {
      this.onAllDone = resolve;
    });
    const watchdog = setInterval(
      () => {
        for (const s of live) {
          if (!s.settled && Date.now() - s.lastHeard > timeoutMs) {
            void s.worker.terminate();
            s.settled = true;
            s.settle();
          }
        }
      },
      Math.min(1000, timeoutMs),
    );
    try {
      await Promise.race([Promise.all(live.map((s) => s.finished)), allDone]);
    } finally {
      clearInterval(watchdog);
      this.onAllDone = undefined;
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
