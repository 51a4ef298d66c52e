import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KmsTransferError } from '../../src/transfer/errors.js';
import type { InstanceCall, InstanceResult } from '../../src/transfer/instance-call.js';
import { LEGACY_ACTION_HANDLERS } from '../../src/transfer/legacy-actions.js';
import { LegacyParams } from '../../src/transfer/legacy-params.js';

// The conversions alone, against a recording instance: what goes on the wire for each legacy call.
const KVID = '0123456789abcdef0123456789abcdef0123';
const URL_ = 'https://127.0.0.1:1/';

function recorder(answer: (c: InstanceCall) => InstanceResult) {
  const calls: InstanceCall[] = [];
  return {
    calls,
    call: async (c: InstanceCall) => {
      calls.push(c);
      return answer(c);
    },
  };
}

const params = (p: Record<string, unknown>) => new LegacyParams(p, URL_);

describe('legacy → instance conversions', () => {
  it('Encrypt packs kvid ‖ iv ‖ ciphertext and hashes the sorted context as AAD', async () => {
    const iv = Buffer.alloc(12, 7);
    const ct = Buffer.from('ciphertext-and-tag');
    const r = recorder(() => ({
      response: { KeyId: 'k1', Iv: iv, CiphertextBlob: ct, RequestId: 'r1' },
      keyVersionId: KVID,
    }));
    const out = await LEGACY_ACTION_HANDLERS.Encrypt(
      params({ KeyId: 'k1', Plaintext: 'héllo', EncryptionContext: '{"b":"2","a":"1"}' }),
      r.call,
    );
    expect(r.calls[0].apiName).toBe('Encrypt');
    expect(r.calls[0].request.Plaintext).toEqual(Buffer.from('héllo', 'utf8'));
    expect(r.calls[0].request.Aad).toEqual(createHash('sha256').update('a=1&b=2').digest());
    expect(out).toEqual({
      KeyId: 'k1',
      CiphertextBlob: Buffer.concat([Buffer.from(KVID), iv, ct]).toString('base64'),
      RequestId: 'r1',
      KeyVersionId: KVID,
    });
  });

  it('Encrypt without the key-version header fails like the vendor SDKs', async () => {
    const r = recorder(() => ({
      response: { KeyId: 'k1', Iv: Buffer.alloc(12), CiphertextBlob: Buffer.alloc(20) },
    }));
    await expect(
      LEGACY_ACTION_HANDLERS.Encrypt(params({ KeyId: 'k1', Plaintext: 'x' }), r.call),
    ).rejects.toThrow(/x-kms-migrationkeyversionid/);
  });

  it('Decrypt splits the blob, sends the kvid header and no KeyId', async () => {
    const iv = Buffer.alloc(12, 3);
    const ct = Buffer.from('0123456789abcdef-tag');
    const blob = Buffer.concat([Buffer.from(KVID), iv, ct]).toString('base64');
    const r = recorder(() => ({
      response: { KeyId: 'k1', Plaintext: Buffer.from('plain'), RequestId: 'r2' },
      keyVersionId: KVID,
    }));
    const out = await LEGACY_ACTION_HANDLERS.Decrypt(params({ CiphertextBlob: blob }), r.call);
    expect(r.calls[0].request.KeyId).toBeUndefined();
    expect(r.calls[0].request.Iv).toEqual(iv);
    expect(r.calls[0].request.CiphertextBlob).toEqual(ct);
    expect(r.calls[0].headers).toEqual({ 'x-kms-migrationkeyversionid': KVID });
    expect(out.Plaintext).toBe('plain');
  });

  it('Decrypt refuses a blob of 48 bytes or fewer with InvalidParameter', async () => {
    const r = recorder(() => ({ response: {} }));
    const err = await LEGACY_ACTION_HANDLERS.Decrypt(
      params({ CiphertextBlob: Buffer.alloc(48).toString('base64') }),
      r.call,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KmsTransferError);
    expect((err as KmsTransferError).code).toBe('InvalidParameter');
    expect(r.calls).toHaveLength(0);
  });

  it('GenerateDataKey encrypts the base64 text of the data key, with the same AAD', async () => {
    const dataKey = Buffer.alloc(16, 9);
    const r = recorder((c) =>
      c.apiName === 'GenerateDataKey'
        ? { response: { KeyId: 'k1', Plaintext: dataKey, RequestId: 'g' }, keyVersionId: KVID }
        : {
            response: { KeyId: 'k1', Iv: Buffer.alloc(12), CiphertextBlob: Buffer.alloc(40, 1) },
            keyVersionId: KVID,
          },
    );
    const out = await LEGACY_ACTION_HANDLERS.GenerateDataKey(
      params({ KeyId: 'k1', KeySpec: 'AES_128', EncryptionContext: '{"x":"y"}' }),
      r.call,
    );
    expect(r.calls.map((c) => c.apiName)).toEqual(['GenerateDataKey', 'Encrypt']);
    expect(r.calls[0].request.NumberOfBytes).toBe(16);
    expect(r.calls[1].request.Plaintext).toEqual(Buffer.from(dataKey.toString('base64')));
    expect(r.calls[1].request.Aad).toEqual(r.calls[0].request.Aad);
    expect(out.Plaintext).toBe(dataKey.toString('base64'));
    const without = await LEGACY_ACTION_HANDLERS.GenerateDataKeyWithoutPlaintext(
      params({ KeyId: 'k1' }),
      r.call,
    );
    expect(without).not.toHaveProperty('Plaintext');
    expect(r.calls[2].request.NumberOfBytes).toBe(32);
  });

  it('GenerateDataKey refuses an unknown KeySpec before calling the instance', async () => {
    const r = recorder(() => ({ response: {} }));
    await expect(
      LEGACY_ACTION_HANDLERS.GenerateDataKey(params({ KeyId: 'k', KeySpec: 'AES_512' }), r.call),
    ).rejects.toThrow('The specified parameter KeySpec is not valid.');
    expect(r.calls).toHaveLength(0);
  });

  it('AsymmetricSign sends the digest as Message with MessageType DIGEST and the version header', async () => {
    const digest = createHash('sha256').update('m').digest();
    const r = recorder(() => ({
      response: { KeyId: 'k', Signature: Buffer.from('sig'), RequestId: 's' },
      keyVersionId: KVID,
    }));
    const out = await LEGACY_ACTION_HANDLERS.AsymmetricSign(
      params({
        KeyId: 'k',
        KeyVersionId: KVID,
        Algorithm: 'RSA_PSS_SHA_256',
        Digest: digest.toString('base64'),
      }),
      r.call,
    );
    expect(r.calls[0].request).toMatchObject({
      Message: digest,
      MessageType: 'DIGEST',
      Algorithm: 'RSA_PSS_SHA_256',
    });
    expect(r.calls[0].request.Digest).toBeUndefined();
    expect(r.calls[0].headers).toEqual({ 'x-kms-migrationkeyversionid': KVID });
    expect(out.Value).toBe(Buffer.from('sig').toString('base64'));
  });

  it('GetSecretValue wraps VersionStages the gateway way and parses a text boolean', async () => {
    const r = recorder(() => ({
      response: { SecretName: 's', SecretData: 'v', VersionStages: ['ACSCurrent'] },
    }));
    const out = await LEGACY_ACTION_HANDLERS.GetSecretValue(
      params({ SecretName: 's', FetchExtendedConfig: 'true' }),
      r.call,
    );
    expect(r.calls[0].request.FetchExtendedConfig).toBe(true);
    expect(out.VersionStages).toEqual({ VersionStage: ['ACSCurrent'] });
    expect(out.SecretData).toBe('v');
  });

  it('a missing required parameter is a MissingParameter error that names it', async () => {
    const r = recorder(() => ({ response: {} }));
    const err = (await LEGACY_ACTION_HANDLERS.AsymmetricVerify(
      params({ KeyId: 'k', Digest: 'AA==' }),
      r.call,
    ).catch((e: unknown) => e)) as KmsTransferError;
    expect(err.code).toBe('MissingParameter');
    expect(err.message).toContain('"Value"');
    expect(err.name).toBe('MissingParameterError');
  });
});
