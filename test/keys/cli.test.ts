import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli as run } from '../cli/run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const FIX = join(ROOT, 'fixtures/keys');

afterEach(() => {
  process.exitCode = 0;
});

describe('kms-codemod keys', () => {
  it('--from prints the judgement as text and exits 0', async () => {
    const r = await run(['keys', '--from', join(FIX, 'inventory.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/can move\s+cn-hangzhou {2}key-hzz6f1a2b3c4d5e6f70001 \(alias\/orders\)/);
    expect(r.out).toMatch(/Remedy: disable rotation first, then it can move/);
    expect(r.out).toMatch(/not supported\s+cn-hangzhou {2}secret db-password/);
    expect(r.out).toContain(
      '10 keys: 4 can move, 4 not supported, 2 need no migration; 2 secrets/certificates not supported',
    );
  });

  it('--format json and markdown', async () => {
    const j = await run(['keys', '--from', join(FIX, 'inventory.json'), '--format', 'json']);
    const parsed = JSON.parse(j.out);
    expect(parsed.summary.total).toBe(10);
    expect(parsed.keys[0].key.keyId).toBe('key-hzz6f1a2b3c4d5e6f70001');
    const m = await run(['keys', '--from', join(FIX, 'inventory.json'), '--format', 'markdown']);
    expect(m.out).toContain(
      '| `key-hzz6f1a2b3c4d5e6f70005` | cn-hangzhou | alias/byok | EXTERNAL | Disabled | 1 | default | **not supported** |',
    );
  });

  it('a partial file still reports the good keys, names the bad ones on stdout, and exits 2', async () => {
    const r = await run(['keys', '--from', join(FIX, 'partial.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /partial\.json:\d+: key key-shz6aa00000000000002, field keys\[1\]\.DescribeKey\.KeyMetadata\.Origin: Origin is missing/,
    );
    expect(r.out).toMatch(/can move\s+cn-shanghai {2}key-shz6aa00000000000001/);
    expect(r.err).toMatch(/3 inventory entries could not be judged/);
  });

  it('a malformed file exits 2 with file:line:column', async () => {
    const r = await run(['keys', '--from', join(FIX, 'malformed.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/malformed\.json:\d+:\d+: not valid JSON/);
  });
});

describe('kms-codemod plan', () => {
  it('needs an inventory', async () => {
    const r = await run(['plan', join(ROOT, 'fixtures/repos/shop')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--keys FILE or --region R/);
  });

  it('refuses a bad window before doing any work', async () => {
    const r = await run(['plan', '--keys', join(FIX, 'inventory.json'), '--window', 'next week']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--window "next week"/);
  });

  it('plans the fixture repository and exits 1 because one application is blocked', async () => {
    const r = await run([
      'plan',
      join(ROOT, 'fixtures/repos/shop'),
      '--keys',
      join(FIX, 'inventory.json'),
      '--window',
      // Far ahead: a window in the past is warned about on stderr.
      '2099-12-05T18:00Z/2099-12-05T22:00Z',
      '--instance',
      'kst-hzz65f1a2b3c4d5e6f7',
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.out);
    expect(plan.tickets[0].instance).toBe('kst-hzz65f1a2b3c4d5e6f7');
    expect(plan.deadline.earliest).toBe('2100-01-05T18:00:00Z');
  }, 120_000);
});
