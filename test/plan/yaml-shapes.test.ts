import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexConfig } from '../../src/keys/config-sources.js';

const ROOT = join(import.meta.dirname, '../../fixtures/config/yaml-shapes');

describe('YAML shapes in application.yml, docker-compose and Kubernetes manifests', async () => {
  const idx = await indexConfig(ROOT);
  const at = (map: Map<string, { value: string; file: string; line: number }[]>, name: string) =>
    (map.get(name) ?? []).map((v) => `${v.value} @ ${v.file}:${v.line}`);

  it('application.yml: merge keys, aliases, flow maps, folded scalars and profile documents', () => {
    // The map's own key wins over the merged one; both documents count.
    expect(at(idx.props, 'kms.key-id')).toEqual([
      'alias/orders @ orders/application.yml:7',
      'alias/orders-prod @ orders/application.yml:17',
    ]);
    expect(at(idx.props, 'kms.region')).toEqual(['cn-hangzhou @ orders/application.yml:3']);
    expect(at(idx.props, 'kms.backup.key-id')).toEqual([
      'key-hzz6f1a2b3c4d5e6f70002 @ orders/application.yml:8',
    ]);
    // An alias's value keeps the line where it is written (the anchor).
    expect(at(idx.props, 'kms.reused.key-id')).toEqual(['alias/orders-default @ orders/application.yml:4']);
    expect(at(idx.props, 'kms.extra-keys[1]')).toEqual(['alias/b @ orders/application.yml:18']);
  });

  it('docker-compose: an environment merged from an extension field, and the list form in a flow sequence', () => {
    expect(idx.env.get('ORDERS_KEY')?.find((v) => v.file === 'docker-compose.yml')).toEqual({
      value: 'alias/orders-compose',
      file: 'docker-compose.yml',
      line: 3,
      scope: 'orders',
    });
    expect(idx.env.get('WORKER_KEY')).toEqual([
      { value: 'alias/worker-compose', file: 'docker-compose.yml', line: 13, scope: 'worker' },
    ]);
    expect(at(idx.env, 'ORDERS_TIMEOUT')).toEqual(['30 @ docker-compose.yml:10']);
  });

  it('Kubernetes: a ConfigMap and a Deployment in one file, env lists shared by an alias, flow maps; Secrets unread', () => {
    expect(at(idx.env, 'ORDERS_CM_KEY')).toEqual(['alias/orders-configmap @ deploy/orders.yaml:5']);
    expect(at(idx.env, 'ORDERS_KEY').filter((v) => v.includes('deploy/'))).toEqual([
      'alias/orders-k8s @ deploy/orders.yaml:18',
      'alias/orders-k8s @ deploy/orders.yaml:18',
    ]);
    expect(at(idx.env, 'KMS_REGION')).toContain('cn-hangzhou @ deploy/orders.yaml:19');
    expect(idx.env.has('SECRET_KEY')).toBe(false);
    expect(idx.skipped).toEqual([]);
  });
});
