import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMutation, type MutationName } from '../../src/verify/mutations.js';
import { bundledSamplesDir } from '../../src/verify/package-root.js';
import type { CheckId, SampleRunResult } from '../../src/verify/types.js';
import { verifySamples } from '../../src/verify/verify-samples.js';

/** Verifies one bundled sample with a mutation applied to its migrated copy. */
async function mutated(
  sample: string,
  mutation: MutationName,
): Promise<{ result: SampleRunResult; changed: string[] }> {
  const changed: string[] = [];
  const report = await verifySamples({
    dirs: [join(bundledSamplesDir(), sample)],
    profiles: ['software'],
    hooks: {
      mutateMigrated: (dir) => {
        changed.push(...applyMutation(dir, mutation));
      },
    },
  });
  expect(report.problems, report.problems.join('\n')).toEqual([]);
  expect(report.ok).toBe(false);
  return { result: report.results[0], changed };
}

function failed(result: SampleRunResult): CheckId[] {
  return result.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

function message(result: SampleRunResult, id: CheckId): string {
  return result.checks.find((c) => c.id === id)?.message ?? '';
}

// Each mutation breaks the migrated copy the way a bad hand edit would; verify must notice and say which check broke.
describe('verify can fail', { timeout: 10 * 60_000 }, () => {
  it.each(['java/encryption-context', 'python/envelope', 'go/manage-and-crypto', 'ts/asymmetric-sign'])(
    'a wrong instance endpoint in %s fails the migrated run',
    async (sample) => {
      const { result, changed } = await mutated(sample, 'wrong-endpoint');
      expect(changed.length).toBeGreaterThan(0);
      expect(failed(result)).toContain('migrated-run');
      expect(message(result, 'migrated-run')).toMatch(
        /failed after the key move: (Encrypt|GenerateDataKey|AsymmetricSign|Decrypt|DescribeKey)/,
      );
      expect(failed(result)).toContain('old-ciphertexts');
    },
  );

  it.each(['java/manage-and-crypto', 'python/encryption-context', 'go/envelope', 'ts/manage-and-crypto'])(
    'a dropped instance Config in %s sends crypto to the closed gateway',
    async (sample) => {
      const { result, changed } = await mutated(sample, 'drop-config');
      expect(changed.length).toBeGreaterThan(0);
      expect(failed(result)).toContain('migrated-run');
      expect(failed(result)).toContain('gateway-calls');
      expect(message(result, 'gateway-calls')).toMatch(/reached the gateway after the move|served no call/);
    },
  );

  it.each(['python/encryption-context', 'go/envelope'])(
    'keys moved without their material: %s cannot open its old ciphertexts, and old-ciphertexts says so with the mock’s count',
    async (sample) => {
      const report = await verifySamples({
        dirs: [join(bundledSamplesDir(), sample)],
        profiles: ['software'],
        hooks: { dropKeyMaterial: true },
      });
      expect(report.problems, report.problems.join('\n')).toEqual([]);
      const [result] = report.results;
      expect(failed(result)).toContain('old-ciphertexts');
      expect(message(result, 'old-ciphertexts')).toMatch(
        /did not open after the move: .* failed: Decrypt failed with/,
      );
      const old = result.checks.find((c) => c.id === 'old-ciphertexts')?.evidence?.oldCiphertexts;
      expect(old?.failed).toBeGreaterThan(0);
      expect(old?.lastError).toMatch(/^InvalidParameter: /);
    },
  );

  it('verify= left off in Python turns TLS verification off, and the TLS check says so', async () => {
    const { result, changed } = await mutated('python/secret', 'python-no-verify');
    expect(changed.length).toBe(1);
    expect(failed(result)).toContain('tls-verified');
    // Everything else about the migrated sample still works: only the TLS check can catch this.
    expect(failed(result)).not.toContain('migrated-run');
    expect(failed(result)).not.toContain('results-equal');
    expect(message(result, 'tls-verified')).toContain('TLS verification is off');
  });
});
