import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROFILES, startMock } from '../../src/mock/index.js';
import { readClientKey } from '../../src/protocol/client-key.js';
import { callInstance } from './helpers/instance-client.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kms-mock-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('state directory', () => {
  it('keeps keys, credentials and the client key across a restart, written with mode 0600', async () => {
    const state = tempDir();
    const first = await startMock({ stateDir: state, quiet: true });
    const key = first.admin.createKey({ keySpec: 'Aliyun_AES_128', aliases: ['alias/kept'] });
    first.admin.moveKeys([key.KeyId]);
    const ck = readClientKey(first.clientKeyContent, first.clientKeyPassword);
    const opts = {
      endpoint: first.instanceEndpoint,
      ca: first.caPem,
      clientKeyId: ck.keyId,
      privateKeyPem: ck.privateKeyPem,
    };
    const enc = await callInstance(
      'AdvanceEncrypt',
      { KeyId: 'alias/kept', Plaintext: Buffer.from('persisted') },
      opts,
    );
    const saved = {
      ak: first.accessKeyId,
      sk: first.accessKeySecret,
      samples: first.sampleKeys,
      ca: first.caPem,
    };
    // No secret value appears in mock.json.
    expect(readFileSync(join(state, 'mock.json'), 'utf8')).not.toContain(saved.sk);
    await first.close();
    expect(statSync(join(state, 'keystore.json')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(state, 'pki.json'))).toBe(true);
    // A closed mock leaves no mock.json for `kms-codemod mock <subcommand>` to find, and no lock.
    expect(existsSync(join(state, 'mock.json'))).toBe(false);
    expect(existsSync(join(state, 'mock.lock'))).toBe(false);

    const second = await startMock({ stateDir: state, quiet: true });
    expect([second.accessKeyId, second.accessKeySecret, second.caPem]).toEqual([
      saved.ak,
      saved.sk,
      saved.ca,
    ]);
    expect(second.sampleKeys).toEqual(saved.samples);
    expect(second.admin.describeKey('alias/kept').DKMSInstanceId).toBe(second.instanceId);
    const dec = await callInstance(
      'AdvanceDecrypt',
      { CiphertextBlob: enc.message.CiphertextBlob },
      { ...opts, endpoint: second.instanceEndpoint },
    );
    expect((dec.message.Plaintext as Buffer).toString()).toBe('persisted');
    await second.close();
  });

  it('refuses a damaged state file with a message naming it', async () => {
    const state = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(state, 'keystore.json'), '{not json');
    await expect(startMock({ stateDir: state, quiet: true })).rejects.toThrow(
      /keystore\.json: the mock state is not valid JSON/,
    );
  });
});

describe('isolated PKI', () => {
  it('gives a mock its own CA, which clients of the shared CA do not trust', async () => {
    const shared = await startMock({ quiet: true, seed: false });
    const rogue = await startMock({ quiet: true, seed: false, isolatedPki: true });
    try {
      expect(rogue.caPem).not.toBe(shared.caPem);
      const ck = readClientKey(rogue.clientKeyContent, rogue.clientKeyPassword);
      const opts = {
        endpoint: rogue.instanceEndpoint,
        clientKeyId: ck.keyId,
        privateKeyPem: ck.privateKeyPem,
      };
      await expect(
        callInstance('GenerateRandom', { Length: 4 }, { ...opts, ca: shared.caPem }),
      ).rejects.toThrow(/certificate/i);
      expect(rogue.admin.callCounts().instance).toEqual({});
      const ok = await callInstance('GenerateRandom', { Length: 4 }, { ...opts, ca: rogue.caPem });
      expect(ok.status).toBe(200);
    } finally {
      await shared.close();
      await rogue.close();
    }
  });
});

describe('instance profiles', () => {
  it('accepts SM2/SM4 only on hsm and enforces the key quota', async () => {
    const soft = await startMock({ quiet: true, seed: false });
    const hsm = await startMock({ instance: 'hsm', quiet: true, seed: false });
    try {
      expect(() => soft.admin.createKey({ keySpec: 'Aliyun_SM4', instance: true })).toThrow(
        /software KMS instance does not support key spec Aliyun_SM4/,
      );
      const sm4 = soft.admin.createKey({ keySpec: 'Aliyun_SM4' });
      expect(() => soft.admin.moveKeys([sm4.KeyId])).toThrow(/does not support/);
      const hsmKey = hsm.admin.createKey({ keySpec: 'Aliyun_SM4', instance: true });
      expect(hsmKey.ProtectionLevel).toBe('HSM');
      const sm2 = hsm.admin.createKey({ keySpec: 'EC_SM2', keyUsage: 'SIGN/VERIFY', instance: true });
      const ck = readClientKey(hsm.clientKeyContent, hsm.clientKeyPassword);
      const opts = {
        endpoint: hsm.instanceEndpoint,
        ca: hsm.caPem,
        clientKeyId: ck.keyId,
        privateKeyPem: ck.privateKeyPem,
      };
      const enc = await callInstance('Encrypt', { KeyId: hsmKey.KeyId, Plaintext: Buffer.from('sm4') }, opts);
      expect(enc.message.Algorithm).toBe('SM4_GCM');
      const sig = await callInstance(
        'Sign',
        { KeyId: sm2.KeyId, Message: Buffer.from('m'), Algorithm: 'SM2DSA' },
        opts,
      );
      const ok = await callInstance(
        'Verify',
        {
          KeyId: sm2.KeyId,
          Message: Buffer.from('m'),
          Algorithm: 'SM2DSA',
          Signature: sig.message.Signature,
        },
        opts,
      );
      expect(ok.message.Value).toBe(true);
      expect(PROFILES.hsm.keyQuota).toBeGreaterThan(0);
      const quota = PROFILES.software.keyQuota;
      PROFILES.software.keyQuota = 1;
      try {
        soft.admin.createKey({ instance: true });
        expect(() => soft.admin.createKey({ instance: true })).toThrow(/quota/);
      } finally {
        PROFILES.software.keyQuota = quota;
      }
    } finally {
      await soft.close();
      await hsm.close();
    }
  });

  it('creates keys with the attributes key verdicts need', async () => {
    const m = await startMock({ quiet: true, seed: false });
    try {
      const byok = m.admin.createKey({ origin: 'EXTERNAL' });
      const rotating = m.admin.createKey({ rotation: { enabled: true, interval: '604800s' }, versions: 3 });
      const service = m.admin.createKey({ aliases: ['alias/acs/oss'] });
      expect(byok.Origin).toBe('EXTERNAL');
      expect(rotating.AutomaticRotation).toBe('Enabled');
      expect(rotating.RotationInterval).toBe('604800s');
      expect(m.admin.describeKey('alias/acs/oss').KeyId).toBe(service.KeyId);
      expect(service.DKMSInstanceId).toBeUndefined();
      expect(m.sampleKeys.aes).toBe('');
    } finally {
      await m.close();
    }
  });
});
