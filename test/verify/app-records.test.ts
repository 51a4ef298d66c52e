import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/verify/types.js';
import { verifyCommand } from '../../src/verify/verify-command.js';
import { APP_LANGS, requireApp } from './apps/app-commands.js';

// A user's own app in each language, with the real SDKs: `write` stores two encrypted records through
// the gateway, the keys move and the gateway closes, and the migrated app's `read` prints them again
// from the same work directory, against the instance, on both instance profiles.
const cases = APP_LANGS.flatMap((lang) =>
  (['software', 'hsm'] as const).map((profile) => ({ lang, profile })),
);

const check = (checks: CheckResult[], id: CheckResult['id']) => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} check in ${JSON.stringify(checks.map((x) => x.id))}`);
  return c;
};

describe('verify --before/--after on an app of our own', { timeout: 10 * 60_000 }, () => {
  it.for(cases)(
    '$lang app on $profile: yesterday’s records read back by the migrated app',
    async (c, ctx) => {
      const app = await requireApp(c.lang, ctx);
      const report = await verifyCommand({
        before: app.before,
        after: app.after,
        appDir: app.dir,
        profile: c.profile,
        normalize: app.normalize,
      });
      const checks = report.results[0].checks;
      const detail = JSON.stringify(checks, null, 1);
      expect(
        checks.filter((x) => x.status !== 'pass').map((x) => `${x.id}: ${x.message}`),
        detail,
      ).toEqual([]);
      expect(checks.map((x) => x.id)).toEqual([
        'legacy-run',
        'migrate',
        'migrated-run',
        'results-equal',
        'old-ciphertexts',
        'gateway-calls',
        'tls-verified',
      ]);
      // The evidence: what each face served, the two old records read back, and the TLS refusal.
      expect(check(checks, 'legacy-run').evidence?.calls).toEqual([
        { when: 'before', gateway: { Encrypt: 2 }, instance: {} },
        { when: 'after, on the unmodified app', gateway: { Decrypt: 2 }, instance: {} },
      ]);
      expect(check(checks, 'old-ciphertexts').evidence?.oldCiphertexts).toEqual({ opened: 2, failed: 0 });
      expect(check(checks, 'old-ciphertexts').message).toContain(
        'read back 2 ciphertext(s) made before the move',
      );
      expect(check(checks, 'gateway-calls').evidence?.calls?.[0].gateway).toEqual({});
      expect(check(checks, 'gateway-calls').evidence?.calls?.[0].instance.Decrypt).toBe(2);
      expect(check(checks, 'results-equal').evidence?.comparison?.lines).toBeGreaterThanOrEqual(2);
      const tls = check(checks, 'tls-verified');
      expect(tls.evidence?.tls?.requestsReceived).toBe(0);
      expect(tls.evidence?.tls?.handshakesRefused).toBeGreaterThan(0);
      expect(tls.evidence?.tls?.error).toMatch(/certif|x509|PKIX|SSL|TLS/i);
      // A passing check shows no output: the TLS run's expected failure stays in its log.
      for (const x of checks)
        for (const cmd of x.evidence?.commands ?? []) expect(cmd.output).toBeUndefined();
      expect(report.ok).toBe(true);
    },
  );
});
