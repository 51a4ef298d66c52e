import { describe, expect, it } from 'vitest';
import {
  checkAppLegacy,
  checkAppMigrated,
  checkAppOutputs,
  checkAppReadBack,
  commandName,
} from '../../src/verify/app-checks.js';
import type { PhaseRun } from '../../src/verify/app-phase.js';
import {
  compareOutputs,
  NORMALIZED,
  normalizeOutput,
  parseNormalize,
} from '../../src/verify/compare-output.js';

const run = (over: Partial<PhaseRun> = {}): PhaseRun => ({
  run: 'after',
  command: 'python app.py read',
  cwd: '/w/app',
  log: '/w/logs/after.log',
  code: 0,
  stdout: 'r1: alice\n',
  stderr: '',
  ...over,
});
const before = run({ run: 'before', command: 'python app.py write', stdout: 'stored r1\n' });
const ctx = { sameCommand: false };

describe('comparing the outputs', () => {
  it('normalizes per line, with CRLF unified, and shows a short labelled diff', () => {
    const time = parseNormalize('^read at .*$');
    expect(normalizeOutput('read at 10:01\r\nr1: a\r\n', [time])).toBe(`${NORMALIZED}\nr1: a\n`);
    expect(compareOutputs('read at 1\nr1: a\n', 'read at 2\nr1: a\n', [time])).toEqual({
      equal: true,
      lines: 2,
    });
    const differ = compareOutputs('x\nr1: a\ny\n', 'x\nr1: b\ny\n', []);
    expect(differ.equal).toBe(false);
    expect(differ.diff).toBe(
      ['--- legacy stdout', '+++ migrated stdout', '@@ -1,3 +1,3 @@', ' x', '-r1: a', '+r1: b', ' y'].join(
        '\n',
      ),
    );
  });

  it('keeps a long diff short', () => {
    const a = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const b = Array.from({ length: 100 }, (_, i) => `LINE ${i}`).join('\n');
    const diff = compareOutputs(a, b, []).diff ?? '';
    expect(diff.split('\n')).toHaveLength(25);
    expect(diff).toMatch(/\.\.\. \(\d+ more diff lines\)$/);
  });

  it('refuses a pattern that does not compile, saying which', () => {
    expect(() => parseNormalize('([a-z')).toThrow(/--normalize "\(\[a-z" is not a valid regular expression/);
  });
});

describe('the checks of a user app', () => {
  it('names a command by its flag, shortened', () => {
    expect(commandName(before, false)).toBe('--before (`python app.py write`)');
    expect(commandName(run(), true)).toBe('--run (`python app.py read`)');
    expect(commandName(run({ command: 'x'.repeat(100) }), false)).toBe(`--after (\`${'x'.repeat(57)}...\`)`);
  });

  it('legacy-run passes with the calls of each phase, and fails at the phase that failed, with its lines', () => {
    const calls = [
      { when: 'before', gateway: { Encrypt: 2 }, instance: {} },
      { when: 'after, on the unmodified app', gateway: { Decrypt: 2 }, instance: {} },
    ];
    const ok = checkAppLegacy(before, run({ run: 'after (unmodified app)' }), calls, ctx);
    expect(ok.status).toBe('pass');
    expect(ok.message).toBe(
      '--before (`python app.py write`) then --after (`python app.py read`) passed on the unmodified app through the gateway (before: gateway Encrypt×2; after, on the unmodified app: gateway Decrypt×2)',
    );
    expect(ok.evidence?.commands?.map((c) => c.output)).toEqual([undefined, undefined]);
    const broken = run({
      run: 'after (unmodified app)',
      code: 1,
      stderr: 'Traceback (most recent call last):\n  File "app.py", line 3\nKeyError: APP_KMS_KEY_ID\n',
    });
    const bad = checkAppLegacy(before, broken, calls, ctx);
    expect(bad.status).toBe('fail');
    expect(bad.message).toBe(
      '--after (`python app.py read`) failed on the unmodified app before any key moved (exit 1): KeyError: APP_KMS_KEY_ID: fix the command first',
    );
    expect(bad.evidence?.commands?.[1].output).toEqual(['KeyError: APP_KMS_KEY_ID']);
    expect(bad.evidence?.commands?.[0].output).toBeUndefined();
  });

  it('migrated-run shows a failure with the line that matters; the log only when the work directory is kept', () => {
    const failed = run({
      code: 1,
      stderr: 'ServerException: HTTP Status: 403 Error:Forbidden.NoPermission closed\n',
    });
    const c = checkAppMigrated(failed, { sameCommand: false, keep: true });
    expect(c.status).toBe('fail');
    expect(c.message).toContain(
      'failed on the migrated app after the key move (exit 1): ServerException: HTTP Status: 403',
    );
    expect(c.evidence?.commands?.[0].log).toBe('/w/logs/after.log');
    expect(checkAppMigrated(run(), ctx).evidence?.commands?.[0]).toEqual({
      run: 'after',
      command: 'python app.py read',
      exitCode: 0,
    });
  });

  it('results-equal is skipped without a baseline or after a failed run, and carries the diff when it fails', () => {
    expect(checkAppOutputs(undefined, run(), [], ctx)).toMatchObject({
      status: 'skip',
      message: 'not compared (--no-compare)',
    });
    expect(checkAppOutputs(run(), run({ code: 1 }), [], ctx).status).toBe('skip');
    const c = checkAppOutputs(run(), run({ stdout: 'r1: bob\n' }), [], ctx);
    expect(c.status).toBe('fail');
    expect(c.evidence?.comparison).toEqual({
      lines: 1,
      normalize: [],
      diff: '--- legacy stdout\n+++ migrated stdout\n@@ -1,1 +1,1 @@\n-r1: alice\n+r1: bob',
    });
  });

  it('old-ciphertexts: opened and passed, failed, nothing read back (a failure with phases, a skip with --run)', () => {
    expect(checkAppReadBack(run(), { opened: 2, failed: 0 }, ctx).message).toBe(
      '--after (`python app.py read`) read back 2 ciphertext(s) made before the move, through the instance, and passed',
    );
    const lost = checkAppReadBack(
      run({ code: 1 }),
      { opened: 0, failed: 1, lastError: 'InvalidParameter: bad' },
      ctx,
    );
    expect(lost).toMatchObject({ status: 'fail', evidence: { oldCiphertexts: { opened: 0, failed: 1 } } });
    expect(lost.message).toContain(
      '1 ciphertext(s) made before the move did not open after it (InvalidParameter: bad)',
    );
    expect(checkAppReadBack(run({ code: 2 }), { opened: 1, failed: 0 }, ctx).status).toBe('fail');
    expect(checkAppReadBack(run(), { opened: 0, failed: 0 }, ctx).status).toBe('fail');
    const same = checkAppReadBack(run(), { opened: 0, failed: 0 }, { sameCommand: true });
    expect(same.status).toBe('skip');
    expect(same.message).toContain('write a record with --before and read it back with --after');
  });
});
