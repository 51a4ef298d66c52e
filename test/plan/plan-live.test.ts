import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/keys/plan-types.js';
import { startMock } from '../../src/mock/index.js';
import { runCli } from '../cli/run-cli.js';

type Handle = Awaited<ReturnType<typeof startMock>>;
const SHOP = join(import.meta.dirname, '../../fixtures/repos/shop');

describe('plan --region against the mock gateway', () => {
  let mock: Handle;
  const ids: Record<string, string> = {};
  const saved = { ...process.env };

  beforeAll(async () => {
    mock = await startMock({ seed: false, quiet: true });
    ids.orders = mock.admin.createKey({ aliases: ['alias/orders'] }).KeyId;
    ids.byok = mock.admin.createKey({ origin: 'EXTERNAL', aliases: ['alias/byok'] }).KeyId;
    ids.reports = mock.admin.createKey({ aliases: ['alias/reports'] }).KeyId;
    ids.rotating = mock.admin.createKey({ rotation: { enabled: true }, aliases: ['alias/rotating'] }).KeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = mock.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = mock.accessKeySecret;
    delete process.env.ALIBABA_CLOUD_SECURITY_TOKEN;
    delete process.env.ALIBABA_CLOUD_PROFILE;
  });
  afterAll(async () => {
    process.env = saved;
    await mock?.close();
  });

  it('reads the keys live, joins them with the code and exits 1 for the blocked application', async () => {
    const { code, out, err } = await runCli([
      'plan',
      SHOP,
      '--region',
      mock.region,
      '--endpoint',
      mock.gatewayUrl,
      '--instance',
      'kst-live',
      '--format',
      'json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(1);
    const plan = JSON.parse(out) as Plan;
    const byApp = Object.fromEntries(plan.apps.map((a) => [a.app, a]));
    expect(byApp['orders-java'].action).toBe('rewrite');
    expect(new Set(byApp['orders-java'].moving.map((u) => u.keyId))).toEqual(new Set([ids.orders]));
    expect(byApp['orders-java'].staying.map((u) => u.keyId)).toEqual([ids.byok]);
    // The Kubernetes manifest names a key id of another account: reported, not guessed.
    expect(byApp['payments-py'].unknown.map((u) => u.value)).toEqual(['key-hzz6f1a2b3c4d5e6f70002']);
    expect(byApp['reports-py'].action).toBe('blocked');
    const status = Object.fromEntries(plan.keys.map((k) => [k.judgement.key.keyId, k.status]));
    expect(status).toEqual({
      [ids.orders]: 'move',
      [ids.byok]: 'not-supported',
      [ids.reports]: 'held-back',
      [ids.rotating]: 'fix-first',
    });
    expect(plan.tickets.map((t) => [t.instance, t.keys.map((k) => k.keyId)])).toEqual([
      ['kst-live', [ids.orders]],
    ]);
  }, 120_000);
});
