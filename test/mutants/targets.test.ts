import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the mutation script, no types
import { applyMutant, MUTANTS, occurrences } from '../../scripts/mutants.list.mjs';

// `npm run mutants` is not part of `npm test`, but its mutants must stay real: each substitution's text
// is in its file exactly once, so a refactor that moves the code fails here instead of turning the
// mutant into a no-op that "survives" nothing.
const ROOT = join(import.meta.dirname, '../..');

type Mutant = { name: string; file: string; from: string; to: string; tests: string[] };

describe('npm run mutants: every planted bug still applies', () => {
  it('has unique names and covers the bugs the audit named', () => {
    const names = (MUTANTS as Mutant[]).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  for (const m of MUTANTS as Mutant[]) {
    it(`${m.name}: its text is in ${m.file} exactly once, and its tests exist`, () => {
      const text = readFileSync(join(ROOT, m.file), 'utf8');
      expect(occurrences(text, m.from)).toBe(1);
      expect(applyMutant(m, text)).not.toBe(text);
      expect(m.tests.length).toBeGreaterThan(0);
      for (const t of m.tests) expect(existsSync(join(ROOT, t)), t).toBe(true);
    });
  }

  it('refuses a mutant whose text is gone, naming it', () => {
    const m = { name: 'gone', file: 'x.ts', from: 'not there', to: '', tests: [] };
    expect(() => applyMutant(m, 'some code')).toThrow(/mutant gone: its target text occurs 0 times in x\.ts/);
  });
});
