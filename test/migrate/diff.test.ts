import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, unifiedDiff } from '../../src/migrate/index.js';
import { filesUnder, scenarios } from './fixture-scenarios.js';

const work = mkdtempSync(join(tmpdir(), 'kms-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function gitApply(dir: string, patch: string): { status: number | null; stderr: string } {
  writeFileSync(join(dir, '.patch'), patch);
  const r = spawnSync('git', ['apply', '--whitespace=nowarn', '.patch'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.txt', 'x\n', 'x\n')).toBe('');
  });

  it.each([
    ['no final newline', 'a\nb\nc', 'a\nB\nc'],
    ['adds a final newline', 'a\nb', 'a\nb\n'],
    ['CRLF', 'a\r\nb\r\nc\r\n', 'a\r\nb\r\nx\r\nc\r\n'],
    [
      'far-apart changes make two hunks',
      `${'l\n'.repeat(3)}a\n${'m\n'.repeat(20)}b\n`,
      `${'l\n'.repeat(3)}A\n${'m\n'.repeat(20)}B\n`,
    ],
    ['from empty', '', 'new\n'],
  ])('%s: git apply reproduces the new text', (_name, before, after) => {
    const dir = mkdtempSync(join(work, 'case-'));
    spawnSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, 'f.txt'), before);
    const r = gitApply(dir, unifiedDiff('f.txt', before, after));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe(after);
  });

  it('every fixture scenario: the patch applies with git apply and gives after/', async () => {
    const all = scenarios();
    // Each loop below must have run: an empty scenario list or no patch at all would pass vacuously.
    expect(all.length, 'rewrite scenarios found').toBeGreaterThan(40);
    let applied = 0;
    for (const s of all) {
      const dir = join(work, s.lang, s.name);
      mkdirSync(dir, { recursive: true });
      spawnSync('git', ['init', '-q'], { cwd: dir });
      const result = await migrate({ paths: [s.before], ...s.options });
      let patch = '';
      for (const f of filesUnder(s.before)) {
        const before = readFileSync(join(s.before, f), 'utf8');
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), before);
        const change = result.changes.find((c) => c.path.endsWith(`/before/${f}`));
        if (change) patch += unifiedDiff(f, change.before, change.after);
      }
      if (!patch) continue;
      const r = gitApply(dir, patch);
      expect(r.status, `${s.lang}/${s.name}: ${r.stderr}`).toBe(0);
      const afterFiles = filesUnder(s.after);
      expect(afterFiles.length, `${s.lang}/${s.name}: after/ is empty`).toBeGreaterThan(0);
      for (const f of afterFiles)
        expect(readFileSync(join(dir, f), 'utf8'), `${s.lang}/${s.name}/${f}`).toBe(
          readFileSync(join(s.after, f), 'utf8'),
        );
      applied++;
    }
    expect(applied, 'scenarios whose patch was applied').toBeGreaterThan(30);
  });
});
