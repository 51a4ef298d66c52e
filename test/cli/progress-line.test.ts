import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress-line.js';
import { type ScanProgress, scan } from '../../src/scan/index.js';

/** A terminal (or not) that records what is written, and a clock the test moves by hand. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  let ms = 0;
  return {
    stream: { isTTY, write: (s: string) => written.push(s) },
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
    written,
  };
}

describe('progress line', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const t = terminal(false);
    const line = progressLine(t.stream, t.now);
    t.advance(5000);
    line.onProgress({ phase: 'parse', done: 1, total: 2 });
    line.clear();
    expect(t.written).toEqual([]);
  });

  it('stays silent during the first second, then overwrites one line and erases it at the end', () => {
    const t = terminal(true);
    const line = progressLine(t.stream, t.now);
    t.advance(900);
    line.onProgress({ phase: 'read', done: 500, total: 2000 });
    line.clear();
    expect(t.written).toEqual([]);
    t.advance(200);
    line.onProgress({ phase: 'walk', done: 3000, total: 0 });
    t.advance(200);
    line.onProgress({ phase: 'read', done: 1000, total: 3000 });
    t.advance(200);
    line.onProgress({ phase: 'parse', done: 7, total: 40 });
    line.clear();
    expect(t.written).toEqual([
      '\r\x1b[Kfinding files: 3000 so far…',
      '\r\x1b[Kreading 1000/3000 files…',
      '\r\x1b[Kparsing 7/40 files…',
      '\r\x1b[K',
    ]);
  });

  it('redraws at most every 100 ms, but always draws the last file', () => {
    const t = terminal(true);
    const line = progressLine(t.stream, t.now);
    t.advance(1000);
    for (let done = 1; done <= 50; done++) {
      line.onProgress({ phase: 'parse', done, total: 50 });
      t.advance(10);
    }
    expect(t.written).toEqual([
      '\r\x1b[Kparsing 1/50 files…',
      '\r\x1b[Kparsing 11/50 files…',
      '\r\x1b[Kparsing 21/50 files…',
      '\r\x1b[Kparsing 31/50 files…',
      '\r\x1b[Kparsing 41/50 files…',
      '\r\x1b[Kparsing 50/50 files…',
    ]);
  });
});

describe('scan progress', () => {
  const root = mkdtempSync(join(tmpdir(), 'kms-progress-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports the walk, the reading and every parsed candidate', async () => {
    mkdirSync(join(root, 'src'));
    for (let i = 0; i < 1200; i++) writeFileSync(join(root, 'src', `f${i}.py`), `x = ${i}\n`);
    for (let i = 0; i < 3; i++)
      writeFileSync(
        join(root, 'src', `kms${i}.py`),
        'from aliyunsdkcore.client import AcsClient\nclient = AcsClient(region_id="cn-hangzhou")\n',
      );
    const seen: ScanProgress[] = [];
    await scan({ root, workers: 0, onProgress: (p) => seen.push({ ...p }) });
    expect(seen.filter((p) => p.phase === 'walk').map((p) => p.done)).toEqual([1000]);
    expect(seen.filter((p) => p.phase === 'read').map((p) => p.done)).toEqual([0, 500, 1000]);
    expect(seen.filter((p) => p.phase === 'read').every((p) => p.total === 1203)).toBe(true);
    expect(seen.filter((p) => p.phase === 'parse')).toEqual([
      { phase: 'parse', done: 1, total: 3 },
      { phase: 'parse', done: 2, total: 3 },
      { phase: 'parse', done: 3, total: 3 },
    ]);
    // Phases come in order: nothing is parsed before the walk has found it.
    const order = seen.map((p) => p.phase);
    expect(order.indexOf('read')).toBeGreaterThan(order.lastIndexOf('walk'));
  });
});
