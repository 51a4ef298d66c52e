import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureToolchain } from '../../src/toolchains/index.js';
import { applyMutation } from '../../src/verify/mutations.js';
import { bundledSamplesDir } from '../../src/verify/package-root.js';
import { verifyCommand } from '../../src/verify/verify-command.js';
import { skipOrFail } from '../support/gate.js';

// `verify --run`: a user's own command, before and after the rewrite, with the mock's environment.
describe('verify --run', { timeout: 10 * 60_000 }, () => {
  const app = join(bundledSamplesDir(), 'python', 'encryption-context');

  /** The app's command, or a skip (outside CI) / a failure (under CI) when Python is missing. */
  async function command(ctx: { skip: (note?: string) => void }): Promise<string> {
    const tc = await ensureToolchain('python');
    if (!tc.ok) return skipOrFail(ctx, `python toolchain missing: ${tc.reason}`);
    // The app reads KMS_AES_KEY_ID; --run offers the mock's ready-made key as KMS_VERIFY_AES_KEY_ID.
    return `KMS_AES_KEY_ID="$KMS_VERIFY_AES_KEY_ID" "${tc.python}" main.py`;
  }

  it('passes for an app whose command works before and after the migration', async (ctx) => {
    const cmd = await command(ctx);
    const report = await verifyCommand({ command: cmd, appDir: app, profile: 'software' });
    const checks = report.results[0].checks;
    expect(
      checks.filter((c) => c.status !== 'pass'),
      JSON.stringify(checks, null, 1),
    ).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual([
      'legacy-run',
      'migrate',
      'migrated-run',
      'gateway-calls',
      'tls-verified',
    ]);
    expect(report.ok).toBe(true);
  });

  it('fails the TLS check when the rewrite is changed to skip certificate verification', async (ctx) => {
    const cmd = await command(ctx);
    const report = await verifyCommand({
      command: cmd,
      appDir: app,
      profile: 'hsm',
      hooks: { mutateMigrated: (dir) => void applyMutation(dir, 'python-no-verify') },
    });
    expect(report.ok).toBe(false);
    const failed = report.results[0].checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(['tls-verified']);
  });

  it('reports a command that fails on the unmodified app', async () => {
    const report = await verifyCommand({ command: 'exit 3', appDir: app, profile: 'software' });
    expect(report.ok).toBe(false);
    expect(report.results[0].checks[0]).toMatchObject({ id: 'legacy-run', status: 'fail' });
    expect(report.results[0].checks[0].message).toContain('exit 3');
  });
});
