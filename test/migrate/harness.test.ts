import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { syntaxErrorCount } from '../../src/migrate/syntax-check.js';
import { applyEdits } from '../../src/model/edit.js';
import { languageOfPath } from '../../src/model/language.js';
import { commentsOf } from './comments.js';
import { filesUnder, scenarios } from './fixture-scenarios.js';

// ARCHITECTURE.md "The rewrite harness": one harness, every scenario of every language.
const all = scenarios();
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function read(dir: string, rel: string): string {
  return readFileSync(join(dir, rel), 'utf8');
}

it('finds the scenarios of every language', () => {
  const langs = new Set(all.map((s) => s.lang));
  for (const l of ['java', 'python', 'go', 'typescript']) expect(langs).toContain(l);
  for (const name of [
    'withComments',
    'aliasedImport',
    'multipleClients',
    'clientInField',
    'crlf',
    'alreadyMigrated',
    'blockedApp',
  ]) {
    for (const l of ['java', 'python', 'go', 'typescript'])
      expect(
        all.some((s) => s.lang === l && s.name === name),
        `${l}/${name}`,
      ).toBe(true);
  }
});

describe.each(all.map((s) => [`${s.lang}/${s.name}`, s] as const))('%s', (_id, s) => {
  const files = filesUnder(s.before);

  it('input parses', () => {
    for (const f of files) {
      const lang = languageOfPath(f);
      if (lang) expect(syntaxErrorCount(lang, f, read(s.before, f).replace(/^\uFEFF/, '')), f).toBe(0);
    }
  });

  it('produces after/ exactly, only inside the recorded edits, with the expected findings', async () => {
    const result = await migrate({ paths: [s.before], ...s.options });
    expect(filesUnder(s.after)).toEqual(files);
    for (const f of files) {
      const change = result.changes.find((c) => c.path.endsWith(`/before/${f}`));
      const before = read(s.before, f);
      const actual = change ? change.after : before;
      expect(actual, f).toBe(read(s.after, f));
      if (!change) continue;
      expect(applyEdits(before, change.edits), `${f}: edits reproduce the output`).toBe(change.after);
      for (const e of change.edits) {
        const removed = before.slice(e.start, e.end);
        // A replaced span never crosses a line, except whole import lines dropped from Go files.
        if (removed.includes('\n'))
          expect(removed.trim(), `${f}: multi-line replacement`).toMatch(/^import\s|^"[^"]+"$|^\w+ "[^"]+"$/);
      }
    }
    expect(result.unrewritten.map((u) => u.ruleId).sort()).toEqual([...s.unrewritten].sort());
  });

  it('re-parses, keeps comments, line endings, BOM and indentation', async () => {
    for (const f of files) {
      const lang = languageOfPath(f);
      const before = read(s.before, f);
      const after = read(s.after, f);
      if (lang) {
        expect(syntaxErrorCount(lang, f, after.replace(/^\uFEFF/, '')), `${f} re-parses`).toBe(0);
        for (const c of commentsOf(lang, before)) expect(after, `${f} keeps ${c}`).toContain(c);
      }
      expect(after.startsWith('\uFEFF')).toBe(before.startsWith('\uFEFF'));
      const crlfOnly = before.includes('\r\n') && !/(^|[^\r])\n/.test(before);
      if (crlfOnly) expect(/(^|[^\r])\n/.test(after), `${f}: a bare LF in a CRLF file`).toBe(false);
      if (!before.includes('\r\n')) expect(after.includes('\r\n'), `${f}: CRLF in an LF file`).toBe(false);
      const tabsOnly = lang && /\n\t/.test(before) && !/\n {2,}\S/.test(before);
      if (tabsOnly) expect(/\n {2,}\S/.test(after), `${f}: space indentation in a tab file`).toBe(false);
    }
  });

  it('writes atomically keeping the mode, and a second run changes nothing', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kms-migrate-'));
    temps.push(tmp);
    cpSync(s.before, tmp, { recursive: true });
    for (const f of files) chmodSync(join(tmp, f), 0o640);
    const first = await migrate({ paths: [tmp], write: true, ...s.options });
    expect(first.written.length).toBe(first.changes.length);
    for (const f of files) {
      expect(read(tmp, f), f).toBe(read(s.after, f));
      expect(statSync(join(tmp, f)).mode & 0o777, `${f} mode`).toBe(0o640);
    }
    expect(filesUnder(tmp)).toEqual(files); // no temp files left behind
    const second = await migrate({ paths: [tmp], ...s.options });
    expect(second.changes.map((c) => c.file)).toEqual([]);
  });
});
