import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { defaultStrategy } from '../../src/cache/fact-cache.js';
import { runScanCli } from '../cli/run-scan.js';

const tmp = mkdtempSync(join(tmpdir(), 'kms-cache-cli-'));
const root = join(tmp, 'app');
cpSync(join(import.meta.dirname, '../../fixtures/rules/legacy-kms-client/java/clientInField/before'), root, {
  recursive: true,
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('scan CLI and the fact cache', () => {
  it('--cache-location keeps it there and counts it in the JSON summary; --no-cache reads and writes none', async () => {
    const cache = join(tmp, 'cache');
    const out = join(tmp, 'out.json');
    // The default strategy depends on CI (see the last test): named here.
    await runScanCli([
      root,
      '--format',
      'json',
      '-o',
      out,
      '--cache-location',
      cache,
      '--cache-strategy',
      'metadata',
    ]);
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.cache).toMatchObject({
      strategy: 'metadata',
      extracted: 2,
    });
    expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    await runScanCli([
      root,
      '--format',
      'json',
      '-o',
      out,
      '--cache-location',
      cache,
      '--cache-strategy',
      'content',
    ]);
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.cache).toMatchObject({
      strategy: 'content',
      extracted: 0,
      fromCache: 2,
    });
    const none = join(tmp, 'none');
    await runScanCli([root, '--format', 'json', '-o', out, '--cache-location', none, '--no-cache']);
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.cache).toBeUndefined();
    expect(existsSync(none)).toBe(false);
  });

  it('--verbose says in the text report what the cache did', async () => {
    let text = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
    await runScanCli([
      root,
      '--cache-location',
      join(tmp, 'verbose'),
      '--cache-strategy',
      'metadata',
      '--verbose',
    ]);
    expect(text).toMatch(/Cache \(metadata\): 0 files from the cache, \d+ read, 2 parsed \(2 new\)/);
  });

  it('defaults to the content strategy under CI, since a checkout resets mtimes', () => {
    expect(defaultStrategy({ CI: 'true' })).toBe('content');
    expect(defaultStrategy({ CI: '1' })).toBe('content');
    expect(defaultStrategy({ CI: 'false' })).toBe('metadata');
    expect(defaultStrategy({})).toBe('metadata');
  });
});
