import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The real-code corpus: small applications and libraries of our own, each in a shape that public code
 * has and our samples do not, labelled with what scan must find. One case is one folder
 * `fixtures/realworld/<lang>/<case>/` (the scanned root) with an `expect.json`:
 *
 * ```json
 * {
 *   "shape": "12.1: Go v3 client calls ReEncryptWithContext",
 *   "apps": { ".": "blocked" },
 *   "findings": [
 *     { "ruleId": "legacy-kms-client", "file": "main.go", "line": 14 },
 *     { "ruleId": "blocked-kms-api", "file": "main.go", "line": 30 }
 *   ],
 *   "build": "go"
 * }
 * ```
 *
 * - `apps` lists every application scan reports under the case, with its verdict.
 * - `findings` lists every finding of the measured rules (`MEASURED_RULES`), by rule, file and line.
 * - `build`, when present, names the toolchain the rewritten case must build with, with its real
 *   dependencies (`go`, `java`, `python`, `typescript`).
 */
export interface CorpusExpect {
  shape: string;
  apps: Record<string, string>;
  findings: ExpectedFinding[];
  build?: 'go' | 'java' | 'python' | 'typescript';
}

export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
}

export interface CorpusCase {
  /** `<lang>/<case>`, for test names. */
  name: string;
  dir: string;
  expect: CorpusExpect;
}

/** The rules whose precision and recall the corpus measures. */
export const MEASURED_RULES = ['legacy-kms-client', 'blocked-kms-api', 'hardcoded-credential'] as const;

export const CORPUS_ROOT = join(import.meta.dirname, '../../fixtures/realworld');

function subdirs(p: string): string[] {
  return existsSync(p)
    ? readdirSync(p)
        .filter((n) => statSync(join(p, n)).isDirectory())
        .sort()
    : [];
}

export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const lang of subdirs(CORPUS_ROOT)) {
    for (const name of subdirs(join(CORPUS_ROOT, lang))) {
      const dir = join(CORPUS_ROOT, lang, name);
      const file = join(dir, 'expect.json');
      if (!existsSync(file)) continue;
      cases.push({
        name: relative(CORPUS_ROOT, dir),
        dir,
        expect: JSON.parse(readFileSync(file, 'utf8')) as CorpusExpect,
      });
    }
  }
  return cases;
}

export const findingKey = (f: ExpectedFinding): string => `${f.ruleId} ${f.file}:${f.line}`;

export interface Tally {
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
}

export function precision(t: Tally): number {
  const found = t.truePositives + t.falsePositives.length;
  return found === 0 ? 1 : t.truePositives / found;
}

export function recall(t: Tally): number {
  const wanted = t.truePositives + t.falseNegatives.length;
  return wanted === 0 ? 1 : t.truePositives / wanted;
}
