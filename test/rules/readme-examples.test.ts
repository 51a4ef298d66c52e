import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { analyzeText } from '../../src/scan/index.js';

/** The file name each fenced language is analysed as. */
const FILE: Record<string, string> = {
  java: 'Example.java',
  python: 'example.py',
  go: 'main.go',
  ts: 'example.ts',
  js: 'example.js',
  php: 'example.php',
  csharp: 'Example.cs',
};

interface Example {
  lang: string;
  kind: 'flagged' | 'clean';
  code: string;
  line: number;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  const re = /^```(\w+) (flagged|clean)\n([\s\S]*?)^```$/gm;
  for (const m of markdown.matchAll(re)) {
    out.push({
      lang: m[1],
      kind: m[2] as Example['kind'],
      code: m[3],
      line: markdown.slice(0, m.index).split('\n').length,
    });
  }
  return out;
}

describe('rule README examples are executed', () => {
  for (const rule of RULES) {
    const path = join(import.meta.dirname, '../../src/rules', rule.meta.id, 'README.md');
    const md = readFileSync(path, 'utf8');
    const list = examples(md);

    it(`${rule.meta.id}: has flagged and clean examples`, () => {
      expect(list.some((e) => e.kind === 'flagged')).toBe(true);
      expect(list.some((e) => e.kind === 'clean')).toBe(true);
      expect(md).toMatch(/^## What/m);
      expect(md).toMatch(/^## Why/m);
    });

    for (const ex of list) {
      it(`${rule.meta.id} README line ${ex.line}: ${ex.lang} is ${ex.kind}`, async () => {
        const file = FILE[ex.lang];
        expect(file, `unknown fence language ${ex.lang}`).toBeDefined();
        const { findings, problem } = await analyzeText(file, ex.code);
        expect(problem).toBeUndefined();
        const hits = findings.filter(
          (f) => f.ruleId === rule.meta.id && f.severity === rule.meta.defaultSeverity,
        );
        if (ex.kind === 'flagged')
          expect(hits.length, `expected a ${rule.meta.id} finding`).toBeGreaterThan(0);
        else expect(hits, `expected no ${rule.meta.id} finding`).toEqual([]);
      });
    }
  }
});
