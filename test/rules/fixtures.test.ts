import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';

interface Expect {
  rules?: string[];
  findings: { ruleId: string; file: string; line: number; severity: string }[];
  verdict?: string | Record<string, string>;
}

const ROOT = join(import.meta.dirname, '../../fixtures/rules');

function dirs(p: string): string[] {
  return existsSync(p)
    ? readdirSync(p)
        .filter((n) => statSync(join(p, n)).isDirectory())
        .sort()
    : [];
}

const scenarios: { rule: string; lang: string; name: string; dir: string }[] = [];
for (const rule of dirs(ROOT)) {
  for (const lang of dirs(join(ROOT, rule))) {
    for (const name of dirs(join(ROOT, rule, lang))) {
      const dir = join(ROOT, rule, lang, name);
      if (existsSync(join(dir, 'expect.json'))) scenarios.push({ rule, lang, name, dir });
    }
  }
}

const key = (f: { ruleId: string; file: string; line: number; severity: string }) =>
  `${f.file}:${f.line} ${f.ruleId} ${f.severity}`;

describe('rule fixtures (fixtures/rules/<rule>/<lang>/<scenario>/expect.json)', () => {
  it('finds scenarios for every TS/JS/PHP/C# rule folder', () => {
    const mine = scenarios.filter((s) => ['typescript', 'javascript', 'php', 'csharp'].includes(s.lang));
    expect(new Set(mine.map((s) => s.rule))).toEqual(
      new Set([
        'legacy-kms-client',
        'blocked-kms-api',
        'hardcoded-credential',
        'kms-action',
        'unsupported-runtime',
        'invalid-suppression',
        'half-migrated',
      ]),
    );
  });

  for (const s of scenarios) {
    it(`${s.rule}/${s.lang}/${s.name}`, async () => {
      const exp = JSON.parse(readFileSync(join(s.dir, 'expect.json'), 'utf8')) as Expect;
      const root = existsSync(join(s.dir, 'before')) ? join(s.dir, 'before') : s.dir;
      const result = await scan({ paths: [root], root, ignore: ['expect.json'] });
      const rules = exp.rules ?? [s.rule];
      const got = result.findings
        .filter((f) => rules.includes(f.ruleId))
        .map((f) => key({ ...f, line: f.range.start.line }));
      expect(got.sort()).toEqual(exp.findings.map(key).sort());
      if (exp.verdict !== undefined) {
        const want = typeof exp.verdict === 'string' ? { '.': exp.verdict } : exp.verdict;
        const have = Object.fromEntries(
          result.apps.filter((a) => a.dir in want).map((a) => [a.dir, a.verdict]),
        );
        expect(have).toEqual(want);
      }
      // No secret value ever reaches a message.
      for (const f of result.findings) expect(f.message).not.toMatch(/LTAI[0-9A-Za-z]{8,}|s3cr3t/);
    });
  }
});
