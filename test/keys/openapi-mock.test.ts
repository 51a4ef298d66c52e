import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsError, resolveCredentials } from '../../src/keys/credentials.js';
import { judgeInventory } from '../../src/keys/judge-inventory.js';
import { loadInventory } from '../../src/keys/load-inventory.js';
import { CredentialsRejectedError, KmsReadClient } from '../../src/keys/openapi-client.js';
import { startMock } from '../../src/mock/index.js';

type Handle = Awaited<ReturnType<typeof startMock>>;

const FAST_RETRY = { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 400 };
const envFor = (m: Handle, over: Record<string, string> = {}) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: m.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: m.accessKeySecret,
  ...over,
});

/** Every combination of the five attributes the seed's table reads: 32 keys. */
const combos = Array.from({ length: 32 }, (_, n) => ({
  n,
  service: !!(n & 1),
  instance: !!(n & 2),
  external: !!(n & 4),
  rotation: !!(n & 8),
  versions: n & 16 ? 3 : 1,
}));

/** The seed's table, written out independently of src/keys/judge.ts. */
function expectedVerdict(c: (typeof combos)[number]): string {
  if (c.service || c.instance) return 'no-migration-needed';
  if (c.external || c.rotation || c.versions > 1) return 'not-supported';
  return 'can-move';
}

describe('keys through the OpenAPI against the mock gateway', () => {
  let mock: Handle;
  const byCombo = new Map<string, (typeof combos)[number]>();

  beforeAll(async () => {
    mock = await startMock({ seed: false, quiet: true });
    for (const c of combos) {
      const md = mock.admin.createKey({
        origin: c.external ? 'EXTERNAL' : 'Aliyun_KMS',
        rotation: { enabled: c.rotation, interval: c.rotation ? '31536000s' : undefined },
        versions: c.versions,
        aliases: c.service ? [`alias/acs/product${c.n}`] : [`alias/app-${c.n}`],
        instance: c.instance,
      });
      byCombo.set(md.KeyId, c);
    }
    // Enough plain keys to need two ListKeys pages of 100.
    for (let i = 0; i < 110; i++) mock.admin.createKey({});
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('pages through ListKeys (142 keys) and judges every combination as the seed table does', async () => {
    const inv = await loadInventory({
      regions: [mock.region],
      endpoint: mock.gatewayUrl,
      env: envFor(mock),
      home: '/nonexistent',
      retry: FAST_RETRY,
    });
    expect(inv.problems).toEqual([]);
    expect(inv.keys).toHaveLength(142);
    expect(new Set(inv.keys.map((k) => k.keyId)).size).toBe(142);
    const result = judgeInventory(inv);
    for (const j of result.keys) {
      const c = byCombo.get(j.key.keyId);
      if (!c) {
        expect(j.verdict).toBe('can-move');
        continue;
      }
      expect({ n: c.n, verdict: j.verdict }).toEqual({ n: c.n, verdict: expectedVerdict(c) });
      if (!c.service && !c.instance) {
        expect(j.key.versionCount).toBe(c.versions);
        const fixable = c.rotation && !c.external && c.versions === 1;
        expect({ n: c.n, remedy: !!j.remedy }).toEqual({ n: c.n, remedy: fixable });
      }
    }
    expect(result.summary['can-move']).toBe(110 + 1);
    // The mock has no ListSecrets: that is a note, not a failure.
    expect(inv.notes.join('\n')).toMatch(/secrets were not listed/);
  });

  it('retries throttling with backoff and still reads everything', async () => {
    const small = await startMock({ seed: false, quiet: true });
    try {
      for (let i = 0; i < 6; i++) small.admin.createKey({ aliases: [`alias/t${i}`] });
      small.admin.setQps('gateway', 5);
      const retries: string[] = [];
      const inv = await loadInventory({
        regions: [small.region],
        endpoint: small.gatewayUrl,
        env: envFor(small),
        home: '/nonexistent',
        retry: { maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 1000 },
        concurrency: 4,
        onRetry: (r) => retries.push(r.code),
      });
      expect(inv.problems).toEqual([]);
      expect(inv.keys).toHaveLength(6);
      expect(retries.length).toBeGreaterThan(0);
      expect(new Set(retries)).toEqual(new Set(['Rejected.Throttling']));
    } finally {
      await small.close();
    }
  });

  it('the remedy holds: once rotation is disabled, a single-version key can move', async () => {
    const m = await startMock({ seed: false, quiet: true });
    try {
      const id = m.admin.createKey({
        rotation: { enabled: true, interval: '31536000s' },
        aliases: ['alias/r'],
      }).KeyId;
      const opts = {
        regions: [m.region],
        endpoint: m.gatewayUrl,
        env: envFor(m),
        home: '/nonexistent',
        retry: FAST_RETRY,
      };
      const before = judgeInventory(await loadInventory(opts)).keys[0];
      expect(before).toMatchObject({
        verdict: 'not-supported',
        remedy: expect.stringMatching(/disable rotation first/),
      });
      const credentials = await resolveCredentials({ env: envFor(m), home: '/nonexistent' });
      const client = new KmsReadClient({ credentials, region: m.region, endpoint: m.gatewayUrl });
      await client.call('UpdateRotationPolicy', { KeyId: id, EnableAutomaticRotation: 'false' });
      const after = judgeInventory(await loadInventory(opts)).keys[0];
      expect(after.verdict).toBe('can-move');
    } finally {
      await m.close();
    }
  });

  it('a wrong secret is refused with an error that names the variable to fix and never the secret', async () => {
    const wrong = 'Wr0ngSecretValueThatMustNotLeak';
    const err = await loadInventory({
      regions: [mock.region],
      endpoint: mock.gatewayUrl,
      env: envFor(mock, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrong }),
      home: '/nonexistent',
      retry: FAST_RETRY,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    const message = (err as Error).message;
    expect(message).toMatch(/SignatureDoesNotMatch/);
    expect(message).toMatch(/check ALIBABA_CLOUD_ACCESS_KEY_SECRET \(it must belong to AccessKey /);
    expect(message).not.toContain(wrong);
    expect(message).not.toContain(mock.accessKeySecret);
  });

  it('an unknown AccessKey id is refused as such', async () => {
    const err = await loadInventory({
      regions: [mock.region],
      endpoint: mock.gatewayUrl,
      env: envFor(mock, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNoSuchKeyId000000' }),
      home: '/nonexistent',
      retry: FAST_RETRY,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as Error).message).toMatch(/InvalidAccessKeyId/);
    expect((err as Error).message).toMatch(
      /check ALIBABA_CLOUD_ACCESS_KEY_ID: the service does not know this AccessKey/,
    );
  });

  it('STS credentials from the environment are signed with their token and accepted', async () => {
    const sts = mock.admin.createStsCredential();
    const credentials = await resolveCredentials({
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: sts.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: sts.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: sts.securityToken,
      },
      home: '/nonexistent',
    });
    const client = new KmsReadClient({
      credentials,
      region: mock.region,
      endpoint: mock.gatewayUrl,
      retry: FAST_RETRY,
    });
    const page = await client.call('ListKeys', { PageSize: '10' });
    expect(page.TotalCount).toBe(142);
    // Without the token the same AccessKey is refused.
    const bare = new KmsReadClient({
      credentials: { ...credentials, securityToken: undefined },
      region: mock.region,
      endpoint: mock.gatewayUrl,
    });
    await expect(bare.call('ListKeys')).rejects.toBeInstanceOf(CredentialsRejectedError);
  });

  it('no credentials anywhere is a usage error naming the variables', async () => {
    await expect(loadInventory({ regions: ['cn-hangzhou'], env: {}, home: '/nonexistent' })).rejects.toThrow(
      CredentialsError,
    );
    await expect(loadInventory({ regions: ['cn-hangzhou'], env: {}, home: '/nonexistent' })).rejects.toThrow(
      /ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/,
    );
  });

  it('a dead endpoint fails after the retries with a message naming it', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await loadInventory({
      regions: ['cn-hangzhou'],
      endpoint: `http://127.0.0.1:${port}`,
      env: envFor(mock),
      home: '/nonexistent',
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      new RegExp(`ListKeys failed after 2 attempts .*127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
  });
});
