import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/keys/build-plan.js';
import { INSTANCE_PLACEHOLDER, parseInstanceFlags } from '../../src/keys/instances.js';
import { readInventoryFile } from '../../src/keys/inventory-file.js';
import { renderPlan } from '../../src/keys/plan-report.js';
import type { AppPlan, Plan } from '../../src/keys/plan-types.js';
import { type ScannedRepos, scanRepos } from '../../src/keys/scan-apps.js';
import type { Inventory } from '../../src/keys/types.js';
import { parseWindow } from '../../src/keys/window.js';

const ROOT = join(import.meta.dirname, '../..');
const SHOP = join(ROOT, 'fixtures/repos/shop');
const K = (n: number) => `key-hzz6f1a2b3c4d5e6f700${String(n).padStart(2, '0')}`;

let scanned: ScannedRepos;
let inventory: Inventory;
let plan: Plan;
const app = (name: string) => plan.apps.find((a) => a.app === name) as AppPlan;

beforeAll(async () => {
  scanned = await scanRepos([SHOP]);
  inventory = await readInventoryFile(join(ROOT, 'fixtures/keys/inventory.json'));
  plan = buildPlan({
    apps: scanned.apps,
    configs: scanned.configs,
    inventory,
    window: parseWindow('2026-12-05T18:00Z/2026-12-05T22:00Z'),
    instances: parseInstanceFlags(['kst-hzz65f1a2b3c4d5e6f7']),
  });
}, 120_000);

describe('plan on fixtures/repos/shop', () => {
  it('finds the four applications and what each must do', () => {
    expect(plan.apps.map((a) => [a.app, a.scanVerdict, a.action])).toEqual([
      // It keeps a pop-core client; its only key stays for now, which is not "no change".
      ['notify-node', 'ready', 'check-config'],
      ['orders-java', 'ready', 'rewrite'],
      ['payments-py', 'ready', 'rewrite'],
      ['reports-py', 'blocked', 'blocked'],
    ]);
  });

  it('follows a Spring property through application.yml and docker-compose to an alias ARN', () => {
    const orders = app('orders-java');
    const fromCompose = orders.moving.find((u) => u.from.startsWith('docker-compose.yml'));
    expect(fromCompose).toMatchObject({
      keyId: K(1),
      value: 'acs:kms:cn-hangzhou:1234567890123456:alias/orders',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Spring placeholder, not a template
      via: ['property kms.key-id', '${ORDERS_KEY_ID}', 'env ORDERS_KEY_ID'],
      from: 'docker-compose.yml:6',
    });
    expect(fromCompose?.at).toMatch(
      /^orders-java\/src\/main\/java\/com\/example\/orders\/OrderCrypto\.java:\d+$/,
    );
    // The placeholder's default is the key used wherever ORDERS_KEY_ID is unset.
    expect(
      orders.moving.some(
        (u) =>
          u.value === 'alias/orders' && u.from.startsWith('orders-java/src/main/resources/application.yml'),
      ),
    ).toBe(true);
    // The BYOK literal stays, and the mix is called out.
    expect(orders.staying.map((u) => [u.keyId, u.value])).toEqual([[K(5), 'alias/byok']]);
    expect(orders.warnings.join('\n')).toMatch(/stay in the default instance \(key-hzz6f1a2b3c4d5e6f70005\)/);
  });

  it('finds a key used only through an environment variable set in a Kubernetes manifest', () => {
    const payments = app('payments-py');
    expect(payments.moving).toHaveLength(1);
    expect(payments.moving[0]).toMatchObject({
      keyId: K(2),
      value: K(2),
      via: ['env PAYMENTS_KMS_KEY_ID'],
      from: 'deploy/k8s/payments.yaml:14',
    });
    // AUDIT_KEY_ID is set nowhere in the repository; a Secret's data is never read.
    expect(payments.unresolved).toEqual([
      { at: expect.stringMatching(/^payments-py\/app\/crypto\.py:\d+$/), names: ['env AUDIT_KEY_ID'] },
    ]);
    expect(JSON.stringify(plan)).not.toContain('never-read-from-a-secret');
    // It also reads a secret of the old console, which the transfer client would send to the instance.
    expect(payments.secrets).toEqual([
      {
        name: 'db-password',
        at: expect.stringMatching(/^payments-py\/app\/crypto\.py:\d+$/),
        from: 'code',
        oldConsole: true,
      },
    ]);
    expect(payments.warnings.join()).toMatch(/secret\(s\) of the old console \(db-password\)/);
    expect(plan.notes.join()).toMatch(
      /2 secret\(s\)\/certificate\(s\) of the old console cannot be migrated/,
    );
  });

  it('holds back a movable key used by a blocked application and leaves it out of the ticket', () => {
    const reports = app('reports-py');
    expect(reports.scanReasons.join()).toMatch(/ReEncrypt/);
    expect(reports.staying.map((u) => u.keyId)).toEqual([K(10)]);
    const k10 = plan.keys.find((k) => k.judgement.key.keyId === K(10));
    expect(k10?.status).toBe('held-back');
    expect(k10?.note).toMatch(/reports-py/);
  });

  it('reads .env values for the app whose directory holds them, and flags the rotation fix', () => {
    const notify = app('notify-node');
    expect(notify.staying.map((u) => [u.keyId, u.from])).toEqual([[K(6), 'notify-node/.env:2']]);
    expect(notify.warnings.join()).toMatch(/once automatic rotation is disabled/);
    expect(notify.warnings.join()).toMatch(/still has a client of the shared gateway/);
    expect(plan.keys.find((k) => k.judgement.key.keyId === K(6))?.status).toBe('fix-first');
  });

  it('writes one support ticket with the key ids, the window and the target instance', () => {
    expect(plan.tickets).toHaveLength(1);
    const t = plan.tickets[0];
    expect(t.instance).toBe('kst-hzz65f1a2b3c4d5e6f7');
    expect(t.keys.map((k) => k.keyId)).toEqual([K(1), K(2), K(9)]);
    expect(t.text).toContain('Target KMS instance: kst-hzz65f1a2b3c4d5e6f7 (region cn-hangzhou)');
    expect(t.text).toContain('Migration window: 2026-12-05T18:00:00Z – 2026-12-05T22:00:00Z (UTC)');
    for (const id of [K(1), K(2), K(9)]) expect(t.text).toContain(id);
    expect(t.text).not.toContain(K(10));
    expect(t.text).toContain(`需要迁移的密钥ID：${K(1)}，${K(2)}，${K(9)}`);
    expect(t.text).toContain('目标KMS实例：kst-hzz65f1a2b3c4d5e6f7');
  });

  it('sets the deadline one month after the window, counted from the move (stricter reading)', () => {
    expect(plan.deadline).toEqual({ earliest: '2027-01-05T18:00:00Z', latest: '2027-01-05T22:00:00Z' });
    const rewrites = plan.checklist.filter((c) => c.text.startsWith('Rewrite '));
    expect(rewrites.map((c) => c.text.match(/Rewrite (\S+)/)?.[1])).toEqual([
      `${SHOP}/orders-java`,
      `${SHOP}/payments-py`,
    ]);
    expect(rewrites.every((c) => c.due === '2027-01-05T18:00:00Z')).toBe(true);
    const before = plan.checklist.filter((c) => c.due === '2026-12-05T18:00:00Z').map((c) => c.text);
    expect(before.some((t) => t.startsWith(`Disable automatic rotation of ${K(6)}`))).toBe(true);
    expect(before.some((t) => t.includes('reports-py is blocked'))).toBe(true);
    expect(
      before.some((t) => t.startsWith('Send the support ticket for kst-hzz65f1a2b3c4d5e6f7 (3 key(s))')),
    ).toBe(true);
    // Everything due before the window comes before the rewrites.
    const firstRewrite = plan.checklist.findIndex((c) => c.text.startsWith('Rewrite '));
    expect(plan.checklist.slice(firstRewrite).every((c) => c.due !== '2026-12-05T18:00:00Z')).toBe(true);
  });

  it('renders markdown and JSON', () => {
    const md = renderPlan(plan, 'markdown', { name: 'kms-codemod', version: 't' });
    expect(md).toContain('**Deadline: 2027-01-05T18:00:00Z**');
    expect(md).toMatch(
      /\| `.*orders-java` \| java \| ready \| \*\*rewrite before the deadline\*\* \| key-hzz6f1a2b3c4d5e6f70001 \| key-hzz6f1a2b3c4d5e6f70005 \|/,
    );
    expect(md).toContain('### kst-hzz65f1a2b3c4d5e6f7');
    const json = JSON.parse(renderPlan(plan, 'json', { name: 'kms-codemod', version: 't' }));
    expect(json.tool.name).toBe('kms-codemod');
    expect(json.summary).toEqual({
      apps: { rewrite: 2, blocked: 1, 'no-change': 0, 'check-config': 1 },
      keys: { move: 3, 'held-back': 1, 'fix-first': 1, 'not-supported': 3, 'no-migration-needed': 2 },
    });
  });

  it('splits keys between instances with ID=KEY and uses a placeholder when no instance is named', () => {
    const split = buildPlan({
      ...{ apps: scanned.apps, configs: scanned.configs, inventory },
      instances: parseInstanceFlags(['kst-aaa', 'kst-bbb=alias/orders']),
    });
    expect(split.tickets.map((t) => [t.instance, t.keys.map((k) => k.keyId)])).toEqual([
      ['kst-aaa', [K(2), K(9)]],
      ['kst-bbb', [K(1)]],
    ]);
    expect(split.deadline).toBeUndefined();
    expect(split.tickets[0].text).toContain('<proposed window, at off-peak hours>');
    const none = buildPlan({
      apps: scanned.apps,
      configs: scanned.configs,
      inventory,
      instances: parseInstanceFlags([]),
    });
    expect(none.tickets.map((t) => t.instance)).toEqual([INSTANCE_PLACEHOLDER]);
    expect(none.notes.join()).toMatch(/no --instance given/);
  });
});
