import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsError, resolveCredentials } from '../../src/keys/credentials.js';

function home(files: { ini?: string; cli?: object }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-creds-'));
  if (files.ini !== undefined) {
    mkdirSync(join(dir, '.alibabacloud'));
    writeFileSync(join(dir, '.alibabacloud/credentials'), files.ini);
  }
  if (files.cli) {
    mkdirSync(join(dir, '.aliyun'));
    writeFileSync(join(dir, '.aliyun/config.json'), JSON.stringify(files.cli));
  }
  return dir;
}

const INI = [
  '[default]',
  'enable = true',
  'type = access_key',
  'access_key_id = LTAIdefault',
  'access_key_secret = s-default',
  '',
  '[ops]',
  'type = access_key',
  'access_key_id = LTAIops',
  'access_key_secret = s-ops',
  'region_id = cn-shanghai',
  '',
  '[ecs]',
  'type = ecs_ram_role',
  'role_name = r',
].join('\n');

const CLI = {
  current: 'prod',
  profiles: [
    {
      name: 'prod',
      mode: 'AK',
      access_key_id: 'LTAIprod',
      access_key_secret: 's-prod',
      region_id: 'cn-beijing',
    },
    {
      name: 'sts',
      mode: 'StsToken',
      access_key_id: 'STS.id',
      access_key_secret: 's-sts',
      sts_token: 'tok',
      region_id: 'cn-hangzhou',
    },
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'x', access_key_secret: 'y' },
  ],
};

describe('credentials', () => {
  it('takes the environment first, with the STS token', async () => {
    const c = await resolveCredentials({
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sec',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
      },
      home: home({ ini: INI }),
    });
    expect(c).toMatchObject({ accessKeyId: 'id', securityToken: 'tok', source: 'environment' });
    expect(c.fix.token).toBe('ALIBABA_CLOUD_SECURITY_TOKEN');
  });

  it('names the missing half of an environment pair, never the present secret', async () => {
    const err = await resolveCredentials({
      env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'TopSecret' },
      home: home({}),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID is not set/);
    expect(err.message).not.toContain('TopSecret');
  });

  it('reads the default profile of ~/.alibabacloud/credentials, or the one ALIBABA_CLOUD_PROFILE / --profile names', async () => {
    const h = home({ ini: INI, cli: CLI });
    expect((await resolveCredentials({ env: {}, home: h })).accessKeyId).toBe('LTAIdefault');
    expect(await resolveCredentials({ env: { ALIBABA_CLOUD_PROFILE: 'ops' }, home: h })).toMatchObject({
      accessKeyId: 'LTAIops',
      region: 'cn-shanghai',
    });
    // --profile wins over the environment's AccessKey: the user named it.
    const c = await resolveCredentials({
      profile: 'ops',
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'e', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'f' },
      home: h,
    });
    expect(c.accessKeyId).toBe('LTAIops');
    expect(c.source).toMatch(/credentials:7 \[ops\]$/);
  });

  it('falls back to the aliyun CLI config: its current profile, AK and StsToken modes', async () => {
    const h = home({ cli: CLI });
    expect(await resolveCredentials({ env: {}, home: h })).toMatchObject({
      accessKeyId: 'LTAIprod',
      region: 'cn-beijing',
    });
    expect(await resolveCredentials({ env: {}, home: h, profile: 'sts' })).toMatchObject({
      securityToken: 'tok',
    });
    await expect(resolveCredentials({ env: {}, home: h, profile: 'role' })).rejects.toThrow(
      /mode RamRoleArn is not supported/,
    );
    await expect(resolveCredentials({ env: {}, home: h, profile: 'nope' })).rejects.toThrow(
      /profile "nope" not found/,
    );
  });

  it('refuses credential types it cannot sign with, naming the file and line', async () => {
    await expect(resolveCredentials({ env: {}, home: home({ ini: INI }), profile: 'ecs' })).rejects.toThrow(
      /credentials:13 \[ecs\]: credential type "ecs_ram_role" is not supported/,
    );
  });

  it('a broken CLI config is named, not a crash', async () => {
    const dir = home({});
    mkdirSync(join(dir, '.aliyun'));
    writeFileSync(join(dir, '.aliyun/config.json'), '{"profiles": [');
    await expect(resolveCredentials({ env: {}, home: dir })).rejects.toThrow(/config\.json: not valid JSON/);
  });
});
