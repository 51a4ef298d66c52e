import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStamp, stampKey, withLock, writeStamp } from '../../src/toolchains/stamp.js';

describe('stamp files', () => {
  it('are read back only under the same key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-stamp-'));
    const key = stampKey({ a: '1.0.0' });
    writeStamp(dir, key, { python: '/x/bin/python' });
    expect(readStamp(dir, key)).toEqual({ python: '/x/bin/python' });
    expect(readStamp(dir, stampKey({ a: '1.0.1' }))).toBeUndefined();
    expect(readStamp(join(dir, 'missing'), key)).toBeUndefined();
  });

  it('withLock runs bodies one at a time', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kc-lock-')), 'tc');
    const events: string[] = [];
    const body = (name: string) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 50));
      events.push(`${name}:end`);
    };
    let waited = 0;
    await Promise.all([withLock(dir, () => waited++, body('a')), withLock(dir, () => waited++, body('b'))]);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(waited).toBe(1);
  });
});
