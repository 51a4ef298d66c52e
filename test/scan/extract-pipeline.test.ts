import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractPipeline } from '../../src/scan/extract-pipeline.js';
import type { ExtractTask } from '../../src/scan/process-files.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-pipeline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A stand-in worker speaking the pipeline's protocol: it claims each file like the real one, answers
// with facts marked as its own, dies on the text 'crash' and never answers on 'hang'. It leaves a
// marker file for each claim, so a test can wait until the worker really holds a file.
const worker = join(dir, 'w.mjs');
writeFileSync(
  worker,
  `import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
const claims = new Int32Array(workerData.claims);
parentPort.on('message', (msg) => {
  if (msg.kind === 'end') return parentPort.postMessage({ kind: 'drained' });
  if (Atomics.compareExchange(claims, msg.index, 0, 1) !== 0) return;
  writeFileSync(${JSON.stringify(dir)} + '/claimed-' + msg.task.file, '');
  if (msg.task.text === 'crash') throw new Error('worker crashed');
  if (msg.task.text === 'hang') for (;;) {}
  parentPort.postMessage({ kind: 'result', index: msg.index, outcome: { ok: true, facts: { file: 'by-worker:' + msg.task.file } } });
});
`,
);

// TypeScript files: the main thread leaves those to a live worker (loading the compiler twice costs
// more than it saves), so the worker really gets them, whatever the scheduling.
const task = (file: string, text = 'export const x = 1;\n'): ExtractTask => ({
  file,
  text,
  language: 'typescript',
});

async function claimedByWorker(file: string): Promise<void> {
  for (let i = 0; i < 2000 && !existsSync(join(dir, `claimed-${file}`)); i++) await sleep(10);
}

function factsFile(o: { ok: boolean; facts?: { file: string } }): string {
  return o.ok && o.facts ? o.facts.file : 'failed';
}

describe('extract pipeline', () => {
  it('gives every file exactly one outcome, in order, from whichever thread claimed it', async () => {
    const p = new ExtractPipeline();
    p.startWorkers(pathToFileURL(worker), 2, []);
    const files = Array.from({ length: 30 }, (_, i) => `f${i}.ts`);
    for (const f of files) p.submit(task(f));
    await claimedByWorker('f0.ts');
    const out = await p.finish();
    expect(out).toHaveLength(files.length);
    out.forEach((o, i) => {
      expect([`by-worker:${files[i]}`, files[i]]).toContain(factsFile(o));
    });
    expect(out.filter((o) => factsFile(o).startsWith('by-worker:')).length).toBeGreaterThan(0);
  });

  it('reports the file a worker crashed or hung on, and extracts what that worker never reached', async () => {
    const p = new ExtractPipeline({ taskTimeoutMs: 1500 });
    p.startWorkers(pathToFileURL(worker), 1, []);
    p.submit(task('a.ts'));
    p.submit(task('crash.ts', 'crash'));
    p.submit(task('b.ts'));
    await claimedByWorker('crash.ts');
    const out = await p.finish();
    expect(out.map(factsFile)).toEqual(['by-worker:a.ts', 'failed', 'b.ts']);
    expect(out[1]).toMatchObject({ ok: false, reason: 'extract-failed' });

    const q = new ExtractPipeline({ taskTimeoutMs: 1500 });
    q.startWorkers(pathToFileURL(worker), 1, []);
    q.submit(task('hang.ts', 'hang'));
    q.submit(task('c.ts'));
    await claimedByWorker('hang.ts');
    const hung = await q.finish();
    expect(hung.map(factsFile)).toEqual(['failed', 'c.ts']);
    expect(hung[0]).toMatchObject({ ok: false, detail: expect.stringContaining('--ignore') });
  });

  it('extracts on the main thread past the claim capacity', async () => {
    const p = new ExtractPipeline({}, 2);
    p.startWorkers(pathToFileURL(worker), 1, []);
    for (const f of ['p.ts', 'q.ts', 'r.ts']) p.submit(task(f));
    await claimedByWorker('q.ts');
    const out = await p.finish();
    expect(out.map(factsFile)).toEqual(['by-worker:p.ts', 'by-worker:q.ts', 'r.ts']);
  });

  it('does not wait for a worker still loading its parsers once the main thread has done every file', async () => {
    const slow = join(dir, 'slow.mjs');
    const loaded = join(dir, 'slow-loaded');
    writeFileSync(
      slow,
      `import { writeFileSync } from 'node:fs';
const until = Date.now() + 4000;
while (Date.now() < until) {}
writeFileSync(${JSON.stringify(loaded)}, '');
`,
    );
    const p = new ExtractPipeline();
    p.startWorkers(pathToFileURL(slow), 1, []);
    p.submit({ file: 'a.php', text: '<?php', language: 'php' });
    const out = await p.finish();
    expect(out.map(factsFile)).toEqual(['a.php']);
    expect(existsSync(loaded)).toBe(false);
  });

  it('runs everything in-process without workers', async () => {
    const p = new ExtractPipeline();
    p.submit(task('x.ts'));
    p.submit({ file: 'y.php', text: '<?php', language: 'php' });
    const out = await p.finish();
    expect(out.map(factsFile)).toEqual(['x.ts', 'y.php']);
    expect(p.workerCount).toBe(0);
  });
});
