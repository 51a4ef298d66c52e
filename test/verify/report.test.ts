import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/verify/report/index.js';
import type { CheckResult, SampleRunResult, VerifyReport } from '../../src/verify/types.js';

// How the reports show what each check proved: the evidence of a failed check (its run's lines that
// matter, the diff), every check's sentence for one app, and all of it in JSON and markdown.
const passed: CheckResult[] = [
  {
    id: 'legacy-run',
    status: 'pass',
    message:
      '--before (`app write`) then --after (`app read`) passed on the unmodified app through the gateway',
    evidence: {
      commands: [{ run: 'before', command: 'app write', exitCode: 0 }],
      calls: [{ when: 'before', gateway: { Encrypt: 2 }, instance: {} }],
    },
  },
  {
    id: 'old-ciphertexts',
    status: 'pass',
    message:
      '--after (`app read`) read back 2 ciphertext(s) made before the move, through the instance, and passed',
    evidence: { oldCiphertexts: { opened: 2, failed: 0 } },
  },
  {
    id: 'tls-verified',
    status: 'pass',
    message:
      '--after (`app read`) refused the instance at 127.0.0.1:1, whose certificate its CA did not sign: x509: unknown authority',
    evidence: {
      commands: [{ run: 'tls', command: 'app read', exitCode: 1 }],
      tls: {
        foreignInstance: '127.0.0.1:1',
        requestsReceived: 0,
        handshakesRefused: 3,
        error: 'x509: unknown authority',
      },
    },
  },
];
const failed: CheckResult[] = [
  {
    id: 'migrated-run',
    status: 'fail',
    message: '--after (`app read`) failed on the migrated app after the key move (exit 1): InvalidParameter',
    evidence: {
      commands: [
        { run: 'after', command: 'app read', exitCode: 1, output: ['ClientException: InvalidParameter ```'] },
      ],
    },
  },
  {
    id: 'results-equal',
    status: 'fail',
    message: 'printed something else',
    evidence: {
      comparison: {
        lines: 1,
        normalize: ['^at .*$'],
        diff: '--- legacy stdout\n+++ migrated stdout\n@@ -1,1 +1,1 @@\n-a\n+b',
      },
    },
  },
];

const result = (checks: CheckResult[], over: Partial<SampleRunResult> = {}): SampleRunResult => ({
  sample: 'records',
  language: 'python',
  profile: 'software',
  ok: checks.every((c) => c.status !== 'fail'),
  checks,
  timings: [{ step: 'after-run', ms: 1200 }],
  ...over,
});
const report = (results: SampleRunResult[]): VerifyReport => ({
  ok: results.every((r) => r.ok),
  results,
  toolchains: [],
  problems: [],
  totalMs: 5000,
});

describe('verify reports say what each check proved', () => {
  it('text, one app: every check with its sentence; a failed check with its output lines and diff; no color off a terminal', () => {
    const text = formatReport(report([result([...passed, ...failed])]), 'text');
    expect(text).toContain('What each check proved:\n  records [software]\n');
    expect(text).toMatch(/ {4}ok {4}legacy-run {7}--before \(`app write`\)/);
    expect(text).toContain(
      'old-ciphertexts  --after (`app read`) read back 2 ciphertext(s) made before the move',
    );
    expect(text).toContain(
      'refused the instance at 127.0.0.1:1, whose certificate its CA did not sign: x509: unknown authority',
    );
    expect(text).toContain('Failed checks:\n  records [software] migrated-run: ');
    expect(text).toContain(
      '      after: `app read` exited 1\n        | ClientException: InvalidParameter ```',
    );
    expect(text).toContain(
      '      standard output compared: 1 line(s) after --normalize /^at .*$/\n        --- legacy stdout',
    );
    expect(text).toContain('        -a\n        +b');
    // A passing check's evidence (the TLS run's exit code, the calls) is not on the terminal.
    expect(text).not.toContain('tls: `app read` exited 1');
    expect(text).not.toContain('\x1b[');
  });

  it('text, --verbose: the evidence of passing checks too; --color paints the marks and the diff', () => {
    const text = formatReport(report([result([...passed, ...failed])]), 'text', {
      verbose: true,
      color: true,
    });
    expect(text).toContain('tls: `app read` exited 1');
    expect(text).toContain(
      'foreign-certificate instance 127.0.0.1:1: 0 request(s) received, 3 TLS handshake(s) broken off',
    );
    expect(text).toContain('calls before: gateway Encrypt×2; instance none');
    expect(text).toContain('\x1b[32mok  \x1b[0m');
    expect(text).toContain('\x1b[31mFAIL\x1b[0m');
    expect(text).toContain('\x1b[32m+b\x1b[0m');
  });

  it('text, a matrix: failures only, and where to find the rest', () => {
    const many = report([
      result(passed),
      result(passed, { profile: 'hsm' }),
      result(passed, { sample: 'other' }),
    ]);
    const text = formatReport(many, 'text');
    expect(text).not.toContain('What each check proved');
    expect(text).toContain("Each check's evidence: --verbose, or --format json or markdown");
    expect(formatReport(many, 'text', { verbose: true })).toContain('What each check proved');
  });

  it('json: the evidence of every check, as data', () => {
    const json = JSON.parse(formatReport(report([result([...passed, ...failed])]), 'json')) as VerifyReport;
    const checks = json.results[0].checks;
    expect(checks.find((c) => c.id === 'tls-verified')?.evidence?.tls?.handshakesRefused).toBe(3);
    expect(checks.find((c) => c.id === 'old-ciphertexts')?.evidence?.oldCiphertexts).toEqual({
      opened: 2,
      failed: 0,
    });
    expect(checks.find((c) => c.id === 'results-equal')?.evidence?.comparison?.diff).toContain('+b');
  });

  it('markdown: a section per run, open when a check failed, output and diff fenced so backticks stay inside', () => {
    const md = formatReport(
      report([result([...passed, ...failed]), result(passed, { profile: 'hsm' })]),
      'markdown',
    );
    expect(md).toContain('### What each check proved');
    expect(md).toContain(
      '<details open><summary><b>records [software]</b>: 3 passed, 2 failed, 0 not run</summary>',
    );
    expect(md).toContain('<details><summary><b>records [hsm]</b>: 3 passed, 0 failed, 0 not run</summary>');
    expect(md).toContain('- ✅ **old-ciphertexts**: --after (`app read`) read back 2 ciphertext(s)');
    expect(md).toContain('  - ciphertexts made before the move and decrypted after it: 2 opened, 0 failed');
    expect(md).toContain('    ````text\n    ClientException: InvalidParameter ```\n    ````');
    expect(md).toContain('    ```diff\n    --- legacy stdout');
  });
});
