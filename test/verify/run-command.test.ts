import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureToolchain } from '../../src/toolchains/index.js';
import { parseNormalize } from '../../src/verify/compare-output.js';
import { applyMutation } from '../../src/verify/mutations.js';
import { bundledSamplesDir } from '../../src/verify/package-root.js';
import { verifyCommand } from '../../src/verify/verify-command.js';
import { skipOrFail } from '../support/gate.js';

// `verify --run`: one command for both phases, before and after the rewrite, with the mock's environment.
describe('verify --run', { timeout: 10 * 60_000 }, () => {
  const app = join(bundledSamplesDir(), 'python', 'encryption-context');
  // The sample prints the ciphertexts it made, fresh each run: compared only once normalized.
  const normalize = [parseNormalize('"ciphertextBlob": "[^"]*"')];

  /** The app's command, or a skip (outside CI) / a failure (under CI) when Python is missing. */
  async function command(ctx: { skip: (note?: string) => void }): Promise<string> {
    const tc = await ensureToolchain('python');
    if (!tc.ok) return skipOrFail(ctx, `python toolchain missing: ${tc.reason}`);
    // The app reads KMS_AES_KEY_ID; --run offers the mock's ready-made key as KMS_VERIFY_AES_KEY_ID.
    return `KMS_AES_KEY_ID="$KMS_VERIFY_AES_KEY_ID" "${tc.python}" main.py`;
  }

  it('passes for an app whose command works before and after the migration; reading back nothing old is said, not failed', async (ctx) => {
    const cmd = await command(ctx);
    const report = await verifyCommand({
      before: cmd,
      after: cmd,
      appDir: app,
      profile: 'software',
      normalize,
    });
    const checks = report.results[0].checks;
    expect(
      checks.filter((c) => c.status === 'fail'),
      JSON.stringify(checks, null, 1),
    ).toEqual([]);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['legacy-run', 'pass'],
      ['migrate', 'pass'],
      ['migrated-run', 'pass'],
      ['results-equal', 'pass'],
      ['old-ciphertexts', 'skip'],
      ['gateway-calls', 'pass'],
      ['tls-verified', 'pass'],
    ]);
    expect(checks.find((c) => c.id === 'old-ciphertexts')?.message).toMatch(
      /^--run \(`.*`\) decrypted no ciphertext made before the move, so nothing shows that old data still opens/,
    );
    expect(checks.find((c) => c.id === 'legacy-run')?.message).toMatch(/^--run \(`/);
    expect(report.ok).toBe(true);
  });

  it('fails the TLS check when the rewrite is changed to skip certificate verification', async (ctx) => {
    const cmd = await command(ctx);
    const report = await verifyCommand({
      before: cmd,
      after: cmd,
      appDir: app,
      profile: 'hsm',
      normalize,
      hooks: { mutateMigrated: (dir) => void applyMutation(dir, 'python-no-verify') },
    });
    expect(report.ok).toBe(false);
    const failed = report.results[0].checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(['tls-verified']);
  });

  it('reports a command that fails on the unmodified app, and runs nothing after it', async () => {
    const report = await verifyCommand({
      before: 'exit 3',
      after: 'exit 3',
      appDir: app,
      profile: 'software',
    });
    expect(report.ok).toBe(false);
    const [legacy, ...rest] = report.results[0].checks;
    expect(legacy).toMatchObject({ id: 'legacy-run', status: 'fail' });
    expect(legacy.message).toContain('exit 3');
    expect(rest.map((c) => c.status)).toEqual(['skip', 'skip', 'skip', 'skip', 'skip']);
    expect(report.results[0].timings.map((t) => t.step)).toEqual(['before-run']);
  });
});
