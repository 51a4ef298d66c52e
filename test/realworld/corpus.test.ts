import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index.js';
import {
  type CorpusCase,
  corpusCases,
  findingKey,
  MEASURED_RULES,
  precision,
  recall,
  type Tally,
} from './corpus.js';

/** Thresholds of the real-code issue: per rule, on the whole corpus. */
const MIN_PRECISION: Record<(typeof MEASURED_RULES)[number], number> = {
  'legacy-kms-client': 0.98,
  'blocked-kms-api': 0.98,
  'hardcoded-credential': 0.9,
};
const MIN_RECALL = MIN_PRECISION;
const MIN_CASES = 40;

const cases = corpusCases();
const tallies = new Map<string, Tally>(
  MEASURED_RULES.map((r) => [r, { truePositives: 0, falsePositives: [], falseNegatives: [] }]),
);
const wrongVerdicts: string[] = [];

async function scanCase(c: CorpusCase): Promise<void> {
  const result = await scan({ paths: [c.dir], root: c.dir, ignore: ['expect.json'] });
  for (const rule of MEASURED_RULES) {
    const tally = tallies.get(rule) as Tally;
    const want = new Set(c.expect.findings.filter((f) => f.ruleId === rule).map(findingKey));
    const got = new Set(
      result.findings
        .filter((f) => f.ruleId === rule)
        .map((f) => findingKey({ ruleId: f.ruleId, file: f.file, line: f.range.start.line })),
    );
    for (const k of got) {
      if (want.has(k)) tally.truePositives++;
      else tally.falsePositives.push(`${c.name}: ${k}`);
    }
    for (const k of want) if (!got.has(k)) tally.falseNegatives.push(`${c.name}: ${k}`);
  }
  const verdicts = Object.fromEntries(result.apps.map((a) => [a.dir, a.verdict]));
  if (JSON.stringify(sorted(verdicts)) !== JSON.stringify(sorted(c.expect.apps))) {
    wrongVerdicts.push(`${c.name}: got ${JSON.stringify(verdicts)}, want ${JSON.stringify(c.expect.apps)}`);
  }
}

function sorted(o: Record<string, string>): [string, string][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('real-code corpus (fixtures/realworld/<lang>/<case>/expect.json)', () => {
  it(`holds at least ${MIN_CASES} cases across the four languages`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
    const langs = new Set(cases.map((c) => c.name.split('/')[0]));
    for (const lang of ['go', 'java', 'python', 'typescript']) expect(langs).toContain(lang);
  });

  it('every case says which shape it holds and lists its applications', () => {
    for (const c of cases) {
      expect(c.expect.shape, c.name).toBeTruthy();
      expect(Object.keys(c.expect.apps).length, c.name).toBeGreaterThan(0);
    }
  });

  it('scan gives every application its labelled verdict', async () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) await scanCase(c);
    expect(wrongVerdicts).toEqual([]);
  });

  // The figures go into the run's log, so a closing note quotes what was measured.
  afterAll(() => {
    for (const rule of MEASURED_RULES) {
      const t = tallies.get(rule) as Tally;
      console.log(
        `corpus ${rule}: ${t.truePositives} true, ${t.falsePositives.length} false positive(s), ${t.falseNegatives.length} missed; precision ${(precision(t) * 100).toFixed(1)} %, recall ${(recall(t) * 100).toFixed(1)} % (${cases.length} cases)`,
      );
    }
  });

  for (const rule of MEASURED_RULES) {
    it(`${rule}: precision ≥ ${MIN_PRECISION[rule] * 100} % and recall ≥ ${MIN_RECALL[rule] * 100} %`, () => {
      const t = tallies.get(rule) as Tally;
      // The cases were scanned by the verdict test above; a rule with no labelled finding measures nothing.
      expect(t.truePositives + t.falseNegatives.length, `${rule} has no labelled finding`).toBeGreaterThan(0);
      const detail = { falsePositives: t.falsePositives, falseNegatives: t.falseNegatives };
      expect(precision(t), JSON.stringify(detail, null, 2)).toBeGreaterThanOrEqual(MIN_PRECISION[rule]);
      expect(recall(t), JSON.stringify(detail, null, 2)).toBeGreaterThanOrEqual(MIN_RECALL[rule]);
    });
  }
});
