import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPool } from '../../src/workspace/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A worker that squares numbers, throws on 13, dies on 'crash' and never answers 'hang'.
const worker = join(dir, 'w.mjs');
writeFileSync(
  worker,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ index, input }) => {
  if (input === 'hang') return;
  if (input === 'crash') throw new Error('worker crashed');
  if (input === 13) return parentPort.postMessage({ index, error: 'unlucky' });
  parentPort.postMessage({ index, output: input * input });
});
`,
);

describe('worker pool', () => {
  it('returns results in input order across workers', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => i);
    const seen: number[] = [];
    const out = await runPool<number, number>(pathToFileURL(worker), inputs, {
      size: 3,
      onResult: (i) => seen.push(i),
    });
    expect(out).toEqual(inputs.map((i) => (i === 13 ? new Error('unlucky') : i * i)));
    expect(seen.sort((a, b) => a - b)).toEqual(inputs);
  });

  it('reports a crashed or hung task as an error and goes on with a fresh worker', async () => {
    const out = await runPool<number | string, number>(pathToFileURL(worker), [2, 'crash', 3, 'hang', 4, 5], {
      size: 2,
      taskTimeoutMs: 3000,
    });
    expect(out[0]).toBe(4);
    expect(out[1]).toBeInstanceOf(Error);
    expect((out[1] as Error).message).toContain('worker crashed');
    expect(out[2]).toBe(9);
    expect((out[3] as Error).message).toContain('gave up after 3000 ms');
    expect(out.slice(4)).toEqual([16, 25]);
  });
});
