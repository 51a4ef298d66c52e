import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/keys/build-plan.js';
import type { Credentials } from '../../src/keys/credentials.js';
import { parseInstanceFlags } from '../../src/keys/instances.js';
import { readInventoryFile } from '../../src/keys/inventory-file.js';
import { KmsApiError, KmsReadClient } from '../../src/keys/openapi-client.js';
import { parseWindow } from '../../src/keys/window.js';
import { runCli } from '../cli/run-cli.js';

const FIX = join(import.meta.dirname, '../../fixtures/keys');
const work = mkdtempSync(join(tmpdir(), 'kms-keys-flags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The fixture inventory re-exported (`keys --format json` layout) with its keys split over two
 * regions, or with no region for the first key.
 */
async function twoRegions(firstUnknown = false): Promise<string> {
  const r = await runCli(['keys', '--from', join(FIX, 'inventory.json'), '-f', 'json']);
  const j = JSON.parse(r.out) as { keys: { key: { keyId: string; region?: string } }[] };
  j.keys.forEach((k, i) => {
    k.key.region = i % 2 === 0 ? 'cn-hangzhou' : 'cn-shanghai';
  });
  if (firstUnknown) delete j.keys[0].key.region;
  const file = join(work, firstUnknown ? 'no-region.json' : 'two-regions.json');
  writeFileSync(file, JSON.stringify(j));
  return file;
}

describe('keys --from FILE --region R', () => {
  it('keeps only the keys of that region', async () => {
    const file = await twoRegions();
    const all = JSON.parse((await runCli(['keys', '--from', file, '-f', 'json'])).out).keys;
    const r = await runCli(['keys', '--from', file, '--region', 'cn-shanghai', '-f', 'json']);
    expect(r.code).toBe(0);
    const some = JSON.parse(r.out).keys as { key: { region: string } }[];
    expect(some.length).toBe(Math.floor(all.length / 2));
    expect(some.every((k) => k.key.region === 'cn-shanghai')).toBe(true);
    const plan = await runCli(['plan', work, '--keys', file, '--region', 'cn-hangzhou', '-f', 'json']);
    expect(
      JSON.parse(plan.out).keys.every(
        (k: { judgement: { key: { region: string } } }) => k.judgement.key.region === 'cn-hangzhou',
      ),
    ).toBe(true);
  });

  it('refuses a file that does not say the region of a key, naming the key', async () => {
    const r = await runCli(['keys', '--from', await twoRegions(true), '--region', 'cn-hangzhou']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not give the region of key key-/);
    expect(r.err).toContain("Run 'kms-codemod keys --help' for usage.");
  });
});

describe('the OpenAPI read client retries only what a retry can mend', () => {
  let server: Server;
  let url: string;
  const hits = new Map<string, number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url?.split('?')[0] ?? '').replace(/\/+$/, '');
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const status = Number(path.slice(1)) || 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          Code: status === 400 ? 'InvalidParameter' : undefined,
          Message: 'x',
          RequestId: 'r',
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const credentials: Credentials = {
    accessKeyId: 'LTAI-test',
    accessKeySecret: 'not-a-secret',
    source: 'test',
    fix: { id: 'A', secret: 'B', token: 'C' },
  };
  const client = (endpoint: string, retries: string[]) =>
    new KmsReadClient({
      credentials,
      region: 'cn-hangzhou',
      endpoint,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      onRetry: ({ code }) => retries.push(code),
    });

  it.each([
    ['a 4xx other than throttling', '/400'],
    ['a 404 with no JSON code', '/404'],
  ])('%s fails at once', async (_name, path) => {
    const retries: string[] = [];
    await expect(client(`${url}${path}`, retries).call('ListKeys')).rejects.toBeInstanceOf(KmsApiError);
    expect(retries).toEqual([]);
    expect(hits.get(path)).toBe(1);
  });

  it('HTTP 429 and 5xx are retried', async () => {
    for (const path of ['/429', '/503']) {
      const retries: string[] = [];
      await expect(client(`${url}${path}`, retries).call('ListKeys')).rejects.toThrow(/after 3 attempts/);
      expect(retries.length).toBe(2);
    }
  });

  it('a malformed URL or a host that does not resolve fails at once and names --endpoint', async () => {
    for (const endpoint of ['http://exa mple', 'http://no-such-host.invalid']) {
      const retries: string[] = [];
      await expect(client(endpoint, retries).call('ListKeys')).rejects.toThrow(
        /retrying cannot help: check --endpoint/,
      );
      expect(retries).toEqual([]);
    }
  });
});

describe('plan warns about its own flags', () => {
  it('on a window in the past, a named key not in the inventory or that will not move, and regions mixed on one instance', async () => {
    const file = await twoRegions();
    const inventory = await readInventoryFile(file);
    const blocked = inventory.keys.find((k) => k.automaticRotation === 'Enabled' || k.versionCount > 1);
    expect(blocked).toBeDefined();
    const plan = buildPlan({
      apps: [],
      configs: new Map(),
      inventory,
      window: parseWindow('2026-01-05T18:00Z/2026-01-05T22:00Z'),
      instances: parseInstanceFlags(['kst-one', `kst-two=key-not-there,${blocked?.keyId}`]),
      now: new Date('2026-06-01T00:00:00Z'),
    });
    const w = plan.warnings.join('\n');
    expect(w).toMatch(/--window starts in the past \(2026-01-05T18:00:00Z/);
    expect(w).toMatch(/--instance kst-two=key-not-there: key-not-there is not in the key inventory/);
    expect(w).toContain(`--instance kst-two=${blocked?.keyId}: ${blocked?.keyId} will not move`);
    expect(w).toMatch(/instance kst-one gets keys of 2 regions \(cn-hangzhou, cn-shanghai\)/);
    const future = buildPlan({
      apps: [],
      configs: new Map(),
      inventory: await readInventoryFile(join(FIX, 'inventory.json')),
      window: parseWindow('2026-07-05T18:00Z/2026-07-05T22:00Z'),
      instances: parseInstanceFlags(['kst-one']),
      now: new Date('2026-06-01T00:00:00Z'),
    });
    expect(future.warnings).toEqual([]);
  });

  it('prints the warnings on stderr and in the plan', async () => {
    const r = await runCli([
      'plan',
      work,
      '--keys',
      join(FIX, 'inventory.json'),
      '--instance',
      'kst-x=key-typo',
    ]);
    expect(r.err).toContain(
      'kms-codemod plan: warning: --instance kst-x=key-typo: key-typo is not in the key inventory',
    );
    expect(r.out).toContain('## Warnings');
    expect(
      (
        await runCli([
          'plan',
          work,
          '--keys',
          join(FIX, 'inventory.json'),
          '--instance',
          'kst-x=key-typo',
          '-q',
        ])
      ).err,
    ).toBe('');
  });
});
