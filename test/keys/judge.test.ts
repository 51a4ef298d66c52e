import { describe, expect, it } from 'vitest';
import { judgeKey } from '../../src/keys/judge.js';
import type { KeyRecord } from '../../src/keys/types.js';

const base: KeyRecord = {
  keyId: 'key-1',
  origin: 'Aliyun_KMS',
  automaticRotation: 'Disabled',
  versionCount: 1,
  aliases: [],
};

/** Every combination of the five attributes of the seed's table: 32 keys. */
const combos = Array.from({ length: 32 }, (_, n) => ({
  service: !!(n & 1),
  instance: !!(n & 2),
  external: !!(n & 4),
  rotation: !!(n & 8),
  versions: n & 16 ? 2 : 1,
}));

describe('judgeKey follows the seed table row by row', () => {
  it.each(combos)('%o', (c) => {
    const key: KeyRecord = {
      ...base,
      aliases: c.service ? ['alias/app', 'alias/acs/ecs'] : ['alias/app'],
      dkmsInstanceId: c.instance ? 'kst-abc' : undefined,
      origin: c.external ? 'EXTERNAL' : 'Aliyun_KMS',
      automaticRotation: c.rotation ? 'Enabled' : 'Disabled',
      versionCount: c.versions,
    };
    const j = judgeKey(key);
    if (c.service) {
      expect(j).toMatchObject({ verdict: 'no-migration-needed', reasons: [{ code: 'service-key' }] });
      return;
    }
    if (c.instance) {
      expect(j).toMatchObject({ verdict: 'no-migration-needed', reasons: [{ code: 'in-instance' }] });
      return;
    }
    const expected = [
      ...(c.external ? ['external-material'] : []),
      ...(c.rotation ? ['rotation-enabled'] : []),
      ...(c.versions > 1 ? ['multiple-versions'] : []),
    ];
    if (expected.length === 0) {
      expect(j.verdict).toBe('can-move');
      return;
    }
    expect(j.verdict).toBe('not-supported');
    expect(j.reasons.map((r) => r.code)).toEqual(expected);
    // Only "rotation on, one version, KMS material" is fixable by the user.
    expect(j.remedy !== undefined).toBe(c.rotation && !c.external && c.versions === 1);
  });

  it('alias/acs/ with a nested path or a look-alike is not a service key', () => {
    expect(judgeKey({ ...base, aliases: ['alias/acs'] }).verdict).toBe('can-move');
    expect(judgeKey({ ...base, aliases: ['alias/acsx/ecs'] }).verdict).toBe('can-move');
    expect(judgeKey({ ...base, aliases: ['alias/acs/ecs/x'] }).verdict).toBe('can-move');
  });

  it('suspended rotation is still a configured policy', () => {
    const j = judgeKey({ ...base, automaticRotation: 'Suspended' });
    expect(j.verdict).toBe('not-supported');
    expect(j.remedy).toMatch(/disable rotation first/);
  });
});
