import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../src/protocol/dkms-messages.js';
import {
  contentSha256,
  dkmsStringToSign,
  dkmsVerifyString,
  parseDkmsAuthorization,
  signDkmsRequest,
} from '../../src/protocol/dkms-signature.js';

describe('dkms-gcs-0.2 messages', () => {
  it('encodes field numbers and wire types as the SDK schema (hand-computed bytes)', () => {
    const buf = encodeMessage('EncryptRequest', {
      KeyId: 'k',
      Plaintext: Buffer.from([1, 2]),
      Aad: Buffer.alloc(0),
    });
    // field 1 (KeyId) string len 1 'k'; field 2 (Plaintext) bytes len 2
    expect([...buf]).toEqual([0x0a, 0x01, 0x6b, 0x12, 0x02, 0x01, 0x02]);
    const err = encodeMessage('Error', { StatusCode: 404, ErrorCode: 'X' });
    expect([...err]).toEqual([0x08, 0x94, 0x03, 0x12, 0x01, 0x58]);
  });

  it('round-trips repeated strings, bools and the Advance numbering', () => {
    const s = decodeMessage(
      'GetSecretValueResponse',
      encodeMessage('GetSecretValueResponse', { SecretName: 'n', VersionStages: ['ACSCurrent', 'x'] }),
    );
    expect(s.VersionStages).toEqual(['ACSCurrent', 'x']);
    const v = decodeMessage('VerifyResponse', encodeMessage('VerifyResponse', { Value: true }));
    expect(v.Value).toBe(true);
    // AdvanceGenerateDataKeyRequest puts NumberOfBytes at 2 (varint): tag 0x10
    expect([...encodeMessage('AdvanceGenerateDataKeyRequest', { NumberOfBytes: 32 })]).toEqual([0x10, 0x20]);
    const d = decodeMessage(
      'DecryptRequest',
      encodeMessage('DecryptRequest', { CiphertextBlob: Buffer.from('abc') }),
    );
    expect(Buffer.isBuffer(d.CiphertextBlob)).toBe(true);
    expect(d.KeyId).toBeUndefined();
  });

  it('refuses unknown fields and garbage bodies', () => {
    expect(() => encodeMessage('EncryptRequest', { Nope: 'x' })).toThrow(/no field Nope/);
    expect(() => decodeMessage('EncryptRequest', Buffer.from([0x0a, 0xff]))).toThrow();
  });
});

describe('dkms-gcs-0.2 request signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('builds the string-to-sign with sorted x-kms headers and resource "/"', () => {
    const body = Buffer.from('hello');
    const headers = signDkmsRequest({
      apiName: 'Encrypt',
      body,
      clientKeyId: 'KAAP.1',
      privateKey,
      host: '127.0.0.1:1',
      date: new Date(Date.UTC(2021, 8, 27, 11, 47, 26)),
      extraHeaders: { 'x-kms-migrationkeyversionid': 'v' },
    });
    const sha = createHash('sha256').update(body).digest('hex').toUpperCase();
    expect(headers['content-sha256']).toBe(sha);
    expect(contentSha256(body)).toBe(sha);
    expect(dkmsStringToSign('POST', headers)).toBe(
      `POST\n${sha}\napplication/x-protobuf\nMon, 27 Sep 2021 11:47:26 GMT\n` +
        'x-kms-acccesskeyid:KAAP.1\nx-kms-apiname:Encrypt\nx-kms-apiversion:dkms-gcs-0.2\n' +
        'x-kms-migrationkeyversionid:v\nx-kms-signaturemethod:RSA_PKCS1_SHA_256\n/',
    );
    const sig = parseDkmsAuthorization(headers.authorization);
    expect(sig).toBeTruthy();
    expect(dkmsVerifyString(dkmsStringToSign('POST', headers), sig ?? '', publicKey)).toBe(true);
    expect(
      dkmsVerifyString(
        dkmsStringToSign('POST', { ...headers, 'x-kms-apiname': 'Decrypt' }),
        sig ?? '',
        publicKey,
      ),
    ).toBe(false);
  });

  it('accepts Bearer and TOKEN prefixes only', () => {
    expect(parseDkmsAuthorization('Bearer abc=')).toBe('abc=');
    expect(parseDkmsAuthorization('TOKEN abc=')).toBe('abc=');
    expect(parseDkmsAuthorization('Basic abc')).toBeUndefined();
    expect(parseDkmsAuthorization(undefined)).toBeUndefined();
  });
});
