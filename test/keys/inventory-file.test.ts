import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryFileError, parseInventoryText, readInventoryFile } from '../../src/keys/inventory-file.js';
import { judgeInventory } from '../../src/keys/judge-inventory.js';
import { keysJson } from '../../src/keys/keys-report.js';

const FIX = join(import.meta.dirname, '../../fixtures/keys');
const verdictOf = (r: ReturnType<typeof judgeInventory>, suffix: string) =>
  r.keys.find((k) => k.key.keyId.endsWith(suffix));

describe('--from: per-key layout', () => {
  it('reads every key with the fields the judgement needs and judges each row of the table', async () => {
    const inv = await readInventoryFile(join(FIX, 'inventory.json'));
    expect(inv.problems).toEqual([]);
    expect(inv.keys).toHaveLength(10);
    const r = judgeInventory(inv);
    expect(verdictOf(r, '0001')?.verdict).toBe('can-move');
    expect(verdictOf(r, '0002')?.verdict).toBe('can-move');
    expect(verdictOf(r, '0003')?.reasons[0].code).toBe('service-key');
    expect(verdictOf(r, '0004')?.reasons[0].code).toBe('in-instance');
    expect(verdictOf(r, '0005')?.reasons.map((x) => x.code)).toEqual(['external-material']);
    const rotating = verdictOf(r, '0006');
    expect(rotating?.verdict).toBe('not-supported');
    expect(rotating?.remedy).toMatch(/disable rotation first, then it can move/);
    const rotatedOften = verdictOf(r, '0007');
    expect(rotatedOften?.reasons.map((x) => x.code)).toEqual(['rotation-enabled', 'multiple-versions']);
    expect(rotatedOften?.remedy).toBeUndefined();
    expect(verdictOf(r, '0008')?.reasons.map((x) => x.code)).toEqual(['multiple-versions']);
    expect(verdictOf(r, '0009')?.verdict).toBe('can-move');
    expect(r.others.map((o) => `${o.resource.kind}:${o.resource.name}:${o.verdict}`)).toEqual([
      'secret:db-password:not-supported',
      'certificate:cert-legacy-01:not-supported',
    ]);
    expect(r.summary).toMatchObject({
      total: 10,
      'can-move': 4,
      'not-supported': 4,
      'no-migration-needed': 2,
    });
    expect(inv.keys.every((k) => k.region === 'cn-hangzhou')).toBe(true);
  });

  it('reads the concatenated outputs of a shell loop of aliyun commands, empty alias lists included', async () => {
    const inv = await readInventoryFile(join(FIX, 'concatenated.json'));
    // ListKeys lists 10 keys but only 4 were described: the other 6 are named as missing.
    expect(inv.keys.map((k) => k.keyId.slice(-4)).sort()).toEqual(['0001', '0002', '0003', '0004']);
    expect(inv.problems.map((p) => `${p.key.slice(-4)}:${p.field}`).sort()).toEqual([
      '0005:DescribeKey',
      '0006:DescribeKey',
      '0007:DescribeKey',
      '0008:DescribeKey',
      '0009:DescribeKey',
      '0010:DescribeKey',
    ]);
    expect(inv.keys.find((k) => k.keyId.endsWith('0003'))?.aliases).toEqual(['alias/acs/oss']);
    // Region comes from the ARN when the file does not say.
    expect(inv.keys[0].region).toBe('cn-hangzhou');
  });

  it('attributes an empty ListAliasesByKeyId to the DescribeKey printed before it', () => {
    const md = (id: string) => ({
      KeyMetadata: { KeyId: id, Origin: 'Aliyun_KMS', AutomaticRotation: 'Disabled' },
    });
    const versions = (id: string) => ({
      KeyVersions: { KeyVersion: [{ KeyId: id, KeyVersionId: 'v1' }] },
      TotalCount: 1,
    });
    const text = [
      md('k-a'),
      versions('k-a'),
      { Aliases: { Alias: [] }, TotalCount: 0 },
      md('k-b'),
      versions('k-b'),
      { Aliases: { Alias: [{ KeyId: 'k-b', AliasName: 'alias/acs/rds' }] }, TotalCount: 1 },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n');
    const inv = parseInventoryText(text, 'loop.json');
    expect(inv.problems).toEqual([]);
    expect(inv.keys.map((k) => [k.keyId, k.aliases])).toEqual([
      ['k-a', []],
      ['k-b', ['alias/acs/rds']],
    ]);
  });

  it('reads back its own JSON report, so `keys --format json` can feed `plan --keys`', async () => {
    const first = judgeInventory(await readInventoryFile(join(FIX, 'inventory.json')));
    const report = JSON.stringify(keysJson(first, { name: 'kms-codemod', version: 't' }));
    const again = judgeInventory(parseInventoryText(report, 'report.json'));
    expect(again.keys.map((k) => [k.key.keyId, k.verdict])).toEqual(
      first.keys.map((k) => [k.key.keyId, k.verdict]),
    );
    expect(again.others).toHaveLength(2);
  });
});

describe('--from: bad files', () => {
  it('a partial file names the key and the field, with the line, and keeps the good keys', async () => {
    const inv = await readInventoryFile(join(FIX, 'partial.json'));
    expect(inv.keys.map((k) => k.keyId)).toEqual(['key-shz6aa00000000000001']);
    const byKey = Object.fromEntries(inv.problems.map((p) => [p.key, p]));
    expect(byKey['key-shz6aa00000000000002'].field).toBe('keys[1].DescribeKey.KeyMetadata.Origin');
    expect(byKey['key-shz6aa00000000000003'].field).toBe('keys[2].ListKeyVersions');
    expect(byKey['key-shz6aa00000000000004'].field).toBe('DescribeKey');
    // The line points into the KeyMetadata object that lacks Origin.
    const lines = readFileSync(join(FIX, 'partial.json'), 'utf8').split('\n');
    const line = byKey['key-shz6aa00000000000002'].line ?? 0;
    expect(lines[line - 1]).toMatch(/"KeyMetadata": \{/);
    expect(lines.slice(line, line + 3).join('\n')).toContain('key-shz6aa00000000000002');
  });

  it('a truncated file is refused with its line and column, not a crash', async () => {
    await expect(readInventoryFile(join(FIX, 'malformed.json'))).rejects.toThrow(
      /malformed\.json:\d+:\d+: not valid JSON \(unexpected end of file/,
    );
  });

  it('wrong types are named per key and per field', () => {
    const text = JSON.stringify({
      keys: [
        {
          DescribeKey: { KeyMetadata: { KeyId: 'k-1', Origin: 'Aliyun_KMS', AutomaticRotation: 'Disabled' } },
          ListKeyVersions: { KeyVersions: 'nope' },
          ListAliasesByKeyId: { Aliases: { Alias: [{ AliasName: 7 }] } },
        },
        { DescribeKey: { KeyMetadata: { Origin: 'Aliyun_KMS' } } },
        'not an object',
      ],
    });
    const inv = parseInventoryText(text, 'bad.json');
    expect(inv.keys).toEqual([]);
    expect(inv.problems.map((p) => `${p.key} ${p.field}`)).toEqual([
      'k-1 keys[0].ListKeyVersions.KeyVersions.KeyVersion',
      'k-1 keys[0].ListAliasesByKeyId.Aliases.Alias[0].AliasName',
      '#1 keys[1].DescribeKey.KeyMetadata.KeyId',
      '#2 keys[2]',
    ]);
  });

  it('a missing file names the path', async () => {
    await expect(readInventoryFile(join(FIX, 'nope.json'))).rejects.toThrow(InventoryFileError);
    await expect(readInventoryFile(join(FIX, 'nope.json'))).rejects.toThrow(
      /nope\.json: cannot read .*ENOENT/,
    );
  });
});
