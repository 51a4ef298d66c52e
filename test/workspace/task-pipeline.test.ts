import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type PipelineTask, startWorker, TaskPipeline } from '../../src/workspace/task-pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The job the main thread runs: it answers with the file name as is.
const job = join(dir, 'job.mjs');
writeFileSync(job, 'export function run(p) { return { file: p.file }; }\n');
const JOB = pathToFileURL(job).href;

// A stand-in worker speaking the pipeline's protocol (the real one, src/workspace/task-worker.ts,
// needs compiled JavaScript): it claims each task like the real one, answers with results marked as
// its own, dies on 'crash', never answers on 'hang', and leaves a marker file for each claim, so a
// test can wait until the worker really holds a task.
const worker = join(dir, 'w.mjs');
writeFileSync(
  worker,
  `import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
let claims = new Int32Array(workerData.claims);
let phase = workerData.phase;
parentPort.on('message', (msg) => {
  if (msg.kind === 'phase') { phase = msg.phase; claims = new Int32Array(msg.claims); return; }
  if (msg.kind === 'end') return parentPort.postMessage({ kind: 'drained', phase });
  if (Atomics.compareExchange(claims, msg.index, 0, 1) !== 0) return;
  const file = msg.task.payload.file;
  writeFileSync(${JSON.stringify(dir)} + '/claimed-' + phase + '-' + file, '');
  if (file === 'crash.ts') throw new Error('worker crashed');
  if (file === 'hang.ts') for (;;) {}
  parentPort.postMessage({ kind: 'result', phase, index: msg.index, outcome: { file: 'by-worker:' + file } });
});
`,
);

async function claimedByWorker(file: string, phase = 0): Promise<void> {
  for (let i = 0; i < 2000 && !existsSync(join(dir, `claimed-${phase}-${file}`)); i++) await sleep(10);
}

// TypeScript files: the main thread leaves those to a live worker (loading the compiler twice costs
// more than it saves), so the worker really gets them, whatever the scheduling.
const task = (file: string): PipelineTask => ({
  job: JOB,
  payload: { file },
  language: 'typescript',
  weight: 1,
});
const lost = () => ({ file: 'lost' });
const files = (out: { file: string }[]) => out.map((o) => o.file);

describe('task pipeline', () => {
  it('gives every task exactly one outcome, in order, from whichever thread claimed it', async () => {
    const p = new TaskPipeline();
    p.startWorkers(pathToFileURL(worker), 2, []);
    p.begin({ lost });
    const names = Array.from({ length: 30 }, (_, i) => `f${i}.ts`);
    for (const f of names) p.submit(task(f));
    await claimedByWorker('f0.ts');
    const out = await p.finish<{ file: string }>();
    p.close();
    expect(out).toHaveLength(names.length);
    out.forEach((o, i) => {
      expect([`by-worker:${names[i]}`, names[i]]).toContain(o.file);
    });
    expect(out.filter((o) => o.file.startsWith('by-worker:')).length).toBeGreaterThan(0);
  });

  it('keeps its workers across phases, each phase with its own claims and outcomes', async () => {
    const p = new TaskPipeline();
    p.startWorkers(pathToFileURL(worker), 1, []);
    p.begin({ lost });
    p.submit(task('a.ts'));
    await claimedByWorker('a.ts', 0);
    expect(files(await p.finish())).toEqual(['by-worker:a.ts']);
    p.begin({ lost });
    p.submit(task('b.ts'));
    p.submit(task('c.ts'));
    await claimedByWorker('c.ts', 1);
    expect(files(await p.finish())).toEqual(['by-worker:b.ts', 'by-worker:c.ts']);
    p.close();
  });

  it('reports the task a worker crashed or hung on, and runs what that worker never reached', async () => {
    const p = new TaskPipeline({ taskTimeoutMs: 1500 });
    p.startWorkers(pathToFileURL(worker), 1, []);
    p.begin({ lost });
    p.submit(task('a.ts'));
    p.submit(task('crash.ts'));
    p.submit(task('b.ts'));
    await claimedByWorker('crash.ts');
    expect(files(await p.finish())).toEqual(['by-worker:a.ts', 'lost', 'b.ts']);
    p.close();

    const q = new TaskPipeline({ taskTimeoutMs: 1500 });
    q.startWorkers(pathToFileURL(worker), 1, []);
    q.begin({ lost });
    q.submit(task('hang.ts'));
    q.submit(task('c.ts'));
    await claimedByWorker('hang.ts');
    expect(files(await q.finish())).toEqual(['lost', 'c.ts']);
    q.close();
  });

  it('runs tasks past the claim capacity on the main thread', async () => {
    const p = new TaskPipeline({}, 2);
    p.startWorkers(pathToFileURL(worker), 1, []);
    p.begin({ lost });
    for (const f of ['p.ts', 'q.ts', 'r.ts']) p.submit(task(f));
    await claimedByWorker('q.ts');
    expect(files(await p.finish())).toEqual(['by-worker:p.ts', 'by-worker:q.ts', 'r.ts']);
    p.close();
  });

  it('waits for a worker still warming up, even when the main thread has done every task', async () => {
    // Stopping a worker mid-warm-up can abort the process (a native parser calling back into a
    // stopped thread), so the pipeline lets it drain first.
    const slow = join(dir, 'slow.mjs');
    const loaded = join(dir, 'slow-loaded');
    writeFileSync(
      slow,
      `import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
const until = Date.now() + 1500;
while (Date.now() < until) {}
writeFileSync(${JSON.stringify(loaded)}, '');
parentPort.on('message', (msg) => {
  if (msg.kind === 'end') parentPort.postMessage({ kind: 'drained', phase: workerData.phase });
});
`,
    );
    const p = new TaskPipeline();
    p.startWorkers(pathToFileURL(slow), 1, []);
    p.begin({ lost });
    p.submit({ job: JOB, payload: { file: 'a.php' }, language: 'php', weight: 1 });
    expect(files(await p.finish())).toEqual(['a.php']);
    expect(existsSync(loaded)).toBe(true);
    p.close();
  });

  it('runs everything in-process without workers', async () => {
    const p = new TaskPipeline();
    p.begin({ lost });
    p.submit(task('x.ts'));
    p.submit({ job: JOB, payload: { file: 'y.php' }, language: 'php', weight: 1 });
    expect(files(await p.finish())).toEqual(['x.ts', 'y.php']);
    expect(p.workerCount).toBe(0);
  });

  it('starts workers under V8 flags a worker refuses (node --max-old-space-size=... kms-codemod scan)', async () => {
    const setup = { claims: new SharedArrayBuffer(16), phase: 0, warm: [] };
    const w = startWorker(pathToFileURL(worker), setup, [
      '--max-old-space-size=300',
      '--stack-size=900',
      '--no-warnings',
    ]);
    // The heap limit becomes the worker's own; the worker answers.
    expect(w.resourceLimits?.maxOldGenerationSizeMb).toBe(300);
    const drained = new Promise((resolve) => w.once('message', resolve));
    w.postMessage({ kind: 'end', phase: 0 });
    expect(await drained).toEqual({ kind: 'drained', phase: 0 });
    await w.terminate();
  });
});
