import { describe, expect, it } from 'vitest';
import { DiffIndex } from '../../src/review/diff-index.js';
import { parseUnifiedDiff } from '../../src/review/diff-parse.js';
import { prDiff } from '../../src/review/pr-diff.js';
import { prRepos } from './pr-repo.js';

const repo = prRepos();
const lines = (n: number, word = 'line') =>
  Array.from({ length: n }, (_, i) => `${word} ${i + 1}\n`).join('');

describe('parseUnifiedDiff on what git prints', () => {
  it('modified, added, deleted, renamed, binary, quoted, CRLF and no-newline files', async () => {
    const r = repo({
      'mod.txt': lines(20),
      'gone.txt': 'bye\n',
      'old name.txt': lines(10, 'keep'),
      'bin.dat': '\0\x01\x02',
      'crlf.txt': 'a\r\nb\r\nc\r\n',
      'tail.txt': 'x\ny',
    });
    r.commit({
      // line 5 changed, line 15 changed: two hunks 10 lines apart
      'mod.txt': lines(20)
        .replace('line 5\n', 'line five\n')
        .replace('line 15\n', 'line fifteen\nline 15b\n'),
      'gone.txt': null,
      'old name.txt': null,
      'new name.txt': lines(10, 'keep').replace('keep 9\n', 'kept 9\n'),
      'bin.dat': '\0\x03',
      'crlf.txt': 'a\r\nB\r\nc\r\n',
      'tail.txt': 'x\ny\nz',
      'émoji 🎉.txt': 'hi\n',
      'empty.txt': '',
    });
    const { diff } = await prDiff(r.dir, 'main');
    const by = new Map(diff.map((f) => [f.path, f]));
    expect([...by.keys()].sort()).toEqual(
      [
        'bin.dat',
        'crlf.txt',
        'empty.txt',
        'gone.txt',
        'mod.txt',
        'new name.txt',
        'tail.txt',
        'émoji 🎉.txt',
      ].sort(),
    );
    const mod = by.get('mod.txt');
    expect(mod?.hunks.map((h) => [h.newStart, h.newLines])).toEqual([
      [2, 7],
      [12, 8],
    ]);
    expect(mod?.hunks[1].lines.filter((l) => l.kind === 'added').map((l) => l.newLine)).toEqual([15, 16]);
    expect(by.get('gone.txt')?.status).toBe('deleted');
    expect(by.get('new name.txt')).toMatchObject({ status: 'renamed', oldPath: 'old name.txt' });
    expect(by.get('bin.dat')?.binary).toBe(true);
    expect(by.get('empty.txt')).toMatchObject({ status: 'added', hunks: [] });
    expect(by.get('émoji 🎉.txt')).toMatchObject({ status: 'added' });
    expect(by.get('crlf.txt')?.hunks[0].lines.find((l) => l.kind === 'added')).toEqual({
      kind: 'added',
      newLine: 2,
      text: 'B',
    });
    // "\ No newline at end of file" belongs to the line before it, not a line of its own.
    const tail = by.get('tail.txt')?.hunks[0].lines ?? [];
    expect(tail.map((l) => [l.kind, l.text])).toEqual([
      ['context', 'x'],
      ['deleted', 'y'],
      ['added', 'y'],
      ['added', 'z'],
    ]);

    const idx = new DiffIndex(diff);
    expect(idx.isAdded('mod.txt', 5)).toBe(true);
    expect(idx.isAdded('mod.txt', 6)).toBe(false);
    expect(idx.inHunk('mod.txt', 6)).toBe(true);
    expect(idx.inHunk('mod.txt', 10)).toBe(false);
    expect(idx.sameHunk('mod.txt', 4, 8)).toBe(true);
    expect(idx.sameHunk('mod.txt', 5, 15)).toBe(false);
    expect(idx.hasFile('gone.txt')).toBe(false);
    expect(idx.hasFile('bin.dat')).toBe(false);
    expect(idx.isAdded('new name.txt', 9)).toBe(true);
  });

  it('reads a pure rename and a mode change with no hunks', () => {
    const text = [
      'diff --git a/a.txt b/b.txt',
      'similarity index 100%',
      'rename from a.txt',
      'rename to b.txt',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { path: 'b.txt', oldPath: 'a.txt', status: 'renamed', binary: false, hunks: [] },
      { path: 'run.sh', status: 'modified', binary: false, hunks: [] },
    ]);
  });

  it("decodes git's C-quoted paths", () => {
    const text = [
      'diff --git "a/caf\\303\\251 \\"x\\".txt" "b/caf\\303\\251 \\"x\\".txt"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/caf\\303\\251 \\"x\\".txt"',
      '@@ -0,0 +1 @@',
      '+hi',
      '',
    ].join('\n');
    const [f] = parseUnifiedDiff(text);
    expect(f.path).toBe('café "x".txt');
    expect(f.hunks[0]).toMatchObject({ newStart: 1, newLines: 1 });
  });

  it("the merge base, not the tip of the base branch: commits the base got later are not the PR's", async () => {
    const r = repo({ 'a.txt': lines(5) });
    r.commit({ 'b.txt': 'pr\n' });
    r.git('checkout', '-q', 'main');
    r.commit({ 'c.txt': 'later on main\n' });
    r.git('checkout', '-q', 'feature');
    const d = await prDiff(r.dir, 'main');
    expect(d.diff.map((f) => f.path)).toEqual(['b.txt']);
    expect(d.dirty).toEqual([]);
    r.write({ 'a.txt': 'edited after the commit\n' });
    expect((await prDiff(r.dir, 'main')).dirty).toEqual(['a.txt']);
  });
});
