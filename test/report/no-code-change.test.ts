import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonReport, markdownReport, sarifReport, textReport } from '../../src/report/index.js';
import { type ScanResult, scan } from '../../src/scan/index.js';
import { sarifValidator } from './sarif-schema.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/rules/legacy-kms-client');
const tool = { name: 'kms-codemod', version: '9.9.9' };
const MANAGEMENT = 'java/negative-management-calls-only';
const CONFIGURED = 'python/negative-v2-endpoint-from-env';
let result: ScanResult;

beforeAll(async () => {
  result = await scan({
    paths: [join(FIXTURES, MANAGEMENT), join(FIXTURES, CONFIGURED)],
    root: FIXTURES,
    ignore: ['expect.json'],
  });
}, 120_000);

describe('"no code change" in every report', () => {
  it('both applications get the verdict, one for its management calls, one for its configuration', () => {
    const byDir = Object.fromEntries(result.apps.map((a) => [a.dir, a]));
    expect(byDir[MANAGEMENT].verdict).toBe('no code change');
    expect(byDir[MANAGEMENT].reasons[0]).toMatch(
      /^management calls only: ListKeys \(.*KeyAudit\.java:24\), DescribeKey \(.*:28\), ListResourceTags \(.*:37\)/,
    );
    expect(byDir[CONFIGURED].verdict).toBe('no code change');
    expect(byDir[CONFIGURED].reasons[0]).toMatch(
      /^configuration change: set the environment variable KMS_ENDPOINT to the instance endpoint .* and REQUESTS_CA_BUNDLE/,
    );
  });

  it('text lists the verdict with its reasons', () => {
    const text = textReport(result, { color: false });
    expect(text).toContain(`${MANAGEMENT}  no code change  (java)`);
    expect(text).toMatch(/- management calls only: ListKeys/);
    expect(text).toMatch(/- configuration change: set the environment variable KMS_ENDPOINT/);
  });

  it('markdown counts and badges it', () => {
    const md = markdownReport(result, tool);
    // the scanned root itself is an application too, with nothing to migrate
    expect(md).toContain('0 ready, 0 blocked, 2 with no code change, 1 with nothing to migrate');
    expect(md).toContain(
      `| \`${MANAGEMENT}\` | 🔵 no code change | java | • management calls only: ListKeys`,
    );
  });

  it("JSON carries the verdict, the count and each client's change", () => {
    const json = JSON.parse(jsonReport(result, tool));
    expect(json.summary.apps).toEqual({
      ready: 0,
      blocked: 0,
      noCodeChange: 2,
      incomplete: 0,
      nothingToMigrate: 1,
    });
    const configured = json.apps.find((a: { dir: string }) => a.dir === CONFIGURED);
    expect(configured.clients).toEqual([
      expect.objectContaining({
        change: 'configuration',
        judgedBy: 'construction',
        note: expect.stringMatching(/KMS_ENDPOINT/),
      }),
    ]);
  });

  it('SARIF carries the verdicts as run properties and the client findings with their change, and validates', () => {
    const log = JSON.parse(sarifReport(result, tool));
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    const run = log.runs[0];
    expect(run.properties.applications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ dir: MANAGEMENT, verdict: 'no code change' }),
        expect.objectContaining({ dir: CONFIGURED, verdict: 'no code change' }),
      ]),
    );
    const clients = run.results.filter((r: { ruleId: string }) => r.ruleId === 'legacy-kms-client');
    expect(
      clients
        .map((r: { level: string; properties: { change: string } }) => [r.level, r.properties.change])
        .sort(),
    ).toEqual([
      ['note', 'none'],
      ['warning', 'configuration'],
    ]);
  });
});
