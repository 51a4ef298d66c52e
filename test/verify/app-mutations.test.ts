import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../src/verify/mutations.js';
import type { CheckId, CheckResult, SampleRunResult } from '../../src/verify/types.js';
import { type VerifyCommandOptions, verifyCommand } from '../../src/verify/verify-command.js';
import { type AppLang, requireApp } from './apps/app-commands.js';

// Each fault a real move can have, planted in a run of our own records app: the check it concerns
// must fail, say why, and show the evidence.
async function verifyApp(
  lang: AppLang,
  ctx: { skip: (note?: string) => void },
  extra: Partial<VerifyCommandOptions> = {},
): Promise<SampleRunResult> {
  const app = await requireApp(lang, ctx);
  const report = await verifyCommand({
    before: app.before,
    after: app.after,
    appDir: app.dir,
    profile: 'software',
    normalize: app.normalize,
    ...extra,
  });
  return report.results[0];
}

const failed = (r: SampleRunResult): CheckId[] =>
  r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const check = (r: SampleRunResult, id: CheckId): CheckResult => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check: ${JSON.stringify(r.checks, null, 1)}`);
  return c;
};

describe('verify --before/--after can fail, each fault at its own check', { timeout: 10 * 60_000 }, () => {
  it.for(['python', 'ts'] as const)(
    'a key moved without its material: the migrated %s app cannot decrypt old data, and old-ciphertexts says so',
    async (lang, ctx) => {
      const r = await verifyApp(lang, ctx, { hooks: { dropKeyMaterial: true } });
      expect(failed(r)).toContain('old-ciphertexts');
      const old = check(r, 'old-ciphertexts');
      expect(old.message).toMatch(
        /ciphertext\(s\) made before the move did not open after it \(InvalidParameter: /,
      );
      expect(old.evidence?.oldCiphertexts?.failed).toBeGreaterThan(0);
      expect(old.evidence?.oldCiphertexts?.opened).toBe(0);
      // The failing run shows its own output, trimmed to the error lines: no stack frames.
      const run = check(r, 'migrated-run');
      expect(run.status).toBe('fail');
      const output = run.evidence?.commands?.[0].output ?? [];
      expect(output.length).toBeGreaterThan(0);
      expect(output.length).toBeLessThanOrEqual(12);
      expect(output.join('\n')).toMatch(/InvalidParameter|does not decrypt/);
      expect(output.join('\n')).not.toMatch(/Traceback|^\s+File "|^\s+at /m);
      // Everything before the move was fine.
      expect(check(r, 'legacy-run').status).toBe('pass');
    },
  );

  it('the migrated app prints something else: results-equal fails with a short diff, and only it', async (ctx) => {
    const r = await verifyApp('python', ctx, {
      hooks: {
        mutateMigrated: (dir) => {
          const file = join(dir, 'app.py');
          const text = readFileSync(file, 'utf8');
          const changed = text.replace('print(record_id + ":",', 'print(record_id + " =",');
          expect(changed).not.toBe(text);
          writeFileSync(file, changed);
        },
      },
    });
    expect(failed(r)).toEqual(['results-equal']);
    const diff = check(r, 'results-equal').evidence?.comparison?.diff ?? '';
    expect(diff).toContain('--- legacy stdout');
    expect(diff).toContain('-r1: alice: card ending 4242');
    expect(diff).toContain('+r1 = alice: card ending 4242');
    // The normalized time line is equal on both sides, so it is context at most.
    expect(diff).not.toMatch(/^[-+]read at/m);
    expect(diff.split('\n').length).toBeLessThanOrEqual(25);
  });

  it('without --normalize, the read time the Python app prints makes the outputs differ', async (ctx) => {
    const r = await verifyApp('python', ctx, { normalize: [] });
    expect(failed(r)).toEqual(['results-equal']);
    expect(check(r, 'results-equal').evidence?.comparison?.diff).toMatch(/^-read at .*\n\+read at /m);
  });

  it('--no-compare: the after command does not run on the unmodified app, and results-equal is not made', async (ctx) => {
    const r = await verifyApp('python', ctx, { compare: false, normalize: [] });
    expect(failed(r)).toEqual([]);
    expect(check(r, 'results-equal')).toMatchObject({
      status: 'skip',
      message: 'not compared (--no-compare)',
    });
    expect(r.timings.map((t) => t.step)).not.toContain('after-unmodified-run');
    expect(check(r, 'legacy-run').evidence?.calls).toEqual([
      { when: 'before', gateway: { Encrypt: 2 }, instance: {} },
    ]);
    expect(check(r, 'old-ciphertexts').status).toBe('pass');
  });

  it('a call still reaches the closed gateway: gateway-calls names it', async (ctx) => {
    const r = await verifyApp('python', ctx, {
      hooks: { mutateMigrated: (dir) => expect(applyMutation(dir, 'drop-config').length).toBe(1) },
    });
    expect(failed(r)).toContain('gateway-calls');
    const gateway = check(r, 'gateway-calls');
    expect(gateway.message).toMatch(/instance actions still reached the gateway after the move: Decrypt×\d/);
    expect(gateway.evidence?.calls?.[0].gateway.Decrypt).toBeGreaterThan(0);
    // Refused by the closed gateway, so the old records were not read back either.
    expect(failed(r)).toContain('migrated-run');
  });

  it('TLS is not verified: tls-verified fails, and only it, with the run that went through', async (ctx) => {
    const r = await verifyApp('python', ctx, {
      hooks: { mutateMigrated: (dir) => expect(applyMutation(dir, 'python-no-verify').length).toBe(1) },
    });
    expect(failed(r)).toEqual(['tls-verified']);
    const tls = check(r, 'tls-verified');
    expect(tls.message).toContain('TLS verification is off');
    expect(tls.evidence?.tls?.requestsReceived).toBeGreaterThan(0);
    expect(tls.evidence?.commands?.[0].run).toBe('tls');
  });
});
