import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  jsonReport,
  markdownReport,
  rdjsonlReport,
  sarifReport,
  textReport,
} from '../../src/report/index.js';
import { type ScanResult, scan } from '../../src/scan/index.js';
import { sarifValidator } from './sarif-schema.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/rules');
const tool = { name: 'kms-codemod', version: '9.9.9' };
let result: ScanResult;

beforeAll(async () => {
  // Only this suite's own scenarios, so fixtures other engineers add do not change the counts.
  const dirs = [
    'blocked-kms-api/javascript/positive-generate-and-export',
    'blocked-kms-api/typescript/positive-pop-core',
    'hardcoded-credential/typescript/positive-literals',
    'hardcoded-credential/php/positive-access-key-client',
    'unsupported-runtime/php/positive-rpc',
    'unsupported-runtime/csharp/positive-core-sdk',
  ];
  result = await scan({ paths: dirs.map((d) => join(FIXTURES, d)), root: FIXTURES, ignore: ['expect.json'] });
  // A fix on the first finding, as migrate attaches them, so the SARIF `fixes` shape is validated too.
  result.findings[0].fix = {
    title: 'Use the transfer client',
    edits: [{ start: 7, end: 11, text: 'KmsTransferPopClient' }],
  };
}, 120_000);

describe('reports', () => {
  it('SARIF validates against the published SARIF 2.1.0 schema and carries rule metadata and fixes', () => {
    const log = JSON.parse(sarifReport(result, tool));
    const validate = sarifValidator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema really constrains: a level SARIF does not define is refused.
    const bad = structuredClone(log);
    bad.runs[0].results[0].level = 'fatal';
    expect(validate(bad)).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'legacy-kms-client',
      'blocked-kms-api',
      'hardcoded-credential',
      'kms-action',
      'unsupported-runtime',
      'invalid-suppression',
      'half-migrated',
    ]);
    expect(run.results.length).toBe(result.findings.length);
    expect(run.results[0].fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { charOffset: 7, charLength: 4 },
      insertedContent: { text: 'KmsTransferPopClient' },
    });
    // Every result carries our line-independent fingerprint, the one the baseline and the PR bot use.
    run.results.forEach((r: { partialFingerprints: Record<string, string> }, i: number) => {
      expect(r.partialFingerprints).toEqual({ 'kmsCodemodFingerprint/v1': result.findings[i].fingerprint });
      expect(result.findings[i].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    });
    const levels = new Set(run.results.map((r: { level: string }) => r.level));
    expect(levels).toEqual(new Set(['error', 'warning', 'note']));
  });

  it('JSON has tool, findings, summary (ARCHITECTURE.md) plus apps, and never a secret', () => {
    const text = jsonReport(result, tool);
    const j = JSON.parse(text);
    expect(j.tool).toEqual(tool);
    expect(j.findings.length).toBe(result.findings.length);
    expect(j.summary.findings.total).toBe(result.findings.length);
    expect(j.summary.findings.error).toBe(result.findings.filter((f) => f.severity === 'error').length);
    expect(j.apps.map((a: { dir: string }) => a.dir)).toContain('unsupported-runtime/php/positive-rpc');
    expect(text).not.toMatch(/s3cr3t|LTAI5tPhpFakeId00001|LTAI5tFakeIdForTests01/);
  });

  it('text is grouped by file, ESLint-style, and colored only when asked', () => {
    const plain = textReport(result, { color: false });
    expect(plain).not.toContain('\x1b[');
    expect(plain).toMatch(
      /^blocked-kms-api\/javascript\/positive-generate-and-export\/app\.js\n {2}3:16 +warning +Legacy KMS client/m,
    );
    expect(plain).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\)/);
    expect(textReport(result, { color: true })).toContain('\x1b[31m');
  });

  it('markdown has the verdict per application, findings by application and the action inventory', () => {
    const md = markdownReport(result, tool);
    expect(md).toMatch(/^# KMS migration report/);
    expect(md).toMatch(/\| `unsupported-runtime\/php\/positive-rpc` \| 🔴 blocked \| php \|/);
    expect(md).toContain('## Application `unsupported-runtime/php/positive-rpc`');
    expect(md).toMatch(/\| ReEncrypt \| shared gateway — \*\*blocks the move\*\* \| 3 \|/);
    expect(md).toMatch(/\| Decrypt \| KMS instance \| 1 \|/);
    expect(md).not.toMatch(/s3cr3t/);
    // The root as the user would name it from here, not this machine's absolute path.
    expect(md).toContain('under `fixtures/rules`');
  });

  it('rdjsonl has one reviewdog diagnostic per finding', () => {
    const lines = rdjsonlReport(result)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(result.findings.length);
    expect(lines[0]).toEqual({
      message: result.findings[0].message,
      location: {
        path: result.findings[0].file,
        range: {
          start: { line: result.findings[0].range.start.line, column: result.findings[0].range.start.column },
          end: { line: result.findings[0].range.end.line, column: result.findings[0].range.end.column },
        },
      },
      severity: result.findings[0].severity.toUpperCase(),
      source: { name: 'kms-codemod' },
      code: { value: result.findings[0].ruleId },
      // The fix set above (offsets 7-11 of the file's ASCII first line), as reviewdog's suggestion.
      suggestions: [
        {
          range: { start: { line: 1, column: 8 }, end: { line: 1, column: 12 } },
          text: 'KmsTransferPopClient',
        },
      ],
    });
    expect(lines.slice(1).every((l) => l.suggestions === undefined)).toBe(true);
  });
});
