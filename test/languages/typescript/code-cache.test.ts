import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The cache is written when the process exits, so each load runs in a process of its own, through the
// compiled module (`npm test` builds dist/ first).
const BUILT = join(import.meta.dirname, '../../../dist/src/languages/typescript/code-cache.js');
const dir = mkdtempSync(join(tmpdir(), 'kms-code-cache-'));
const cacheDir = join(dir, 'cache');
const bundle = join(dir, 'bundle.cjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const functions = Array.from(
    { length: 200 },
    (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`,
  ).join('\n');
  writeFileSync(
    bundle,
    `${functions}\nconst path = require('node:path');\nmodule.exports = { answer: f21(2), base: path.basename(__filename), dir: path.basename(__dirname) };\n`,
  );
});

function load(cache: string | undefined): {
  cache: string;
  exports: { answer: number; base: string; dir: string };
} {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(BUILT).href)});
const r = m.requireWithCodeCache(${JSON.stringify(bundle)}, ${cache === undefined ? 'undefined' : JSON.stringify(cache)});
console.log(JSON.stringify({ cache: r.cache, exports: r.exports }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

const cacheFiles = () => (existsSync(join(cacheDir, 'v8')) ? readdirSync(join(cacheDir, 'v8')) : []);

describe('requireWithCodeCache', () => {
  it('loads like require: exports, require, __filename and __dirname', () => {
    expect(load(undefined)).toEqual({
      cache: 'off',
      exports: { answer: 63, base: 'bundle.cjs', dir: expect.any(String) },
    });
  });

  it('creates the cache on the first run, uses it on the next, and survives a broken one', () => {
    expect(load(cacheDir).cache).toBe('created');
    expect(cacheFiles()).toHaveLength(1);
    const used = load(cacheDir);
    expect(used).toEqual({
      cache: 'used',
      exports: { answer: 63, base: 'bundle.cjs', dir: expect.any(String) },
    });
    writeFileSync(join(cacheDir, 'v8', cacheFiles()[0]), 'not a V8 code cache');
    expect(load(cacheDir)).toMatchObject({ cache: 'rejected', exports: { answer: 63 } });
    expect(load(cacheDir).cache).toBe('used'); // rewritten at the rejected run's exit
  });

  it('keeps only the most recently written caches (each install path has its own)', () => {
    const pruned = join(dir, 'pruned');
    mkdirSync(join(pruned, 'v8'), { recursive: true });
    for (let i = 0; i < 8; i++) {
      const old = join(pruned, 'v8', `other-install-${i}.bin`);
      writeFileSync(old, 'x');
      utimesSync(old, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
    }
    expect(load(pruned).cache).toBe('created');
    const left = readdirSync(join(pruned, 'v8'));
    expect(left).toHaveLength(6);
    expect(left.filter((f) => f.startsWith('bundle.cjs-'))).toHaveLength(1);
    expect(left).not.toContain('other-install-0.bin');
    expect(load(pruned).cache).toBe('used');
  });

  it('is a plain require when the cache directory cannot be written', () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(load(join(blocked, 'cache')).exports.answer).toBe(63);
    expect(load(join(blocked, 'cache')).cache).toBe('created');
  });
});
