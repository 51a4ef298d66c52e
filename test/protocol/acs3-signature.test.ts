import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acs3CanonicalRequest,
  acs3Sign,
  acs3Verify,
  parseAcs3Authorization,
} from '../../src/protocol/acs3-signature.js';

describe('ACS3-HMAC-SHA256', () => {
  const base = () => ({
    method: 'POST',
    pathname: '/',
    query: { KeyId: 'k 1', Plaintext: 'hi' },
    headers: {
      host: 'kms.cn-hangzhou.aliyuncs.com',
      'x-acs-action': 'Encrypt',
      'x-acs-version': '2016-01-20',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-acs-signature-nonce': 'n1',
      accept: 'application/json',
      'user-agent': 'ua',
    } as Record<string, string>,
  });

  it('builds the canonical request and signature (vector computed by hand)', () => {
    const req = base();
    const auth = acs3Sign(req, '', 'AKID', 'sk');
    const empty = createHash('sha256').update('').digest('hex');
    const canonical = [
      'POST',
      '/',
      'KeyId=k%201&Plaintext=hi',
      `host:kms.cn-hangzhou.aliyuncs.com\nx-acs-action:Encrypt\nx-acs-content-sha256:${empty}\nx-acs-date:2024-01-01T00:00:00Z\nx-acs-signature-nonce:n1\nx-acs-version:2016-01-20\n`,
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
      empty,
    ].join('\n');
    const sts = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const sig = createHmac('sha256', 'sk').update(sts).digest('hex');
    expect(auth).toBe(
      `ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${sig}`,
    );
    const parsed = parseAcs3Authorization(auth);
    expect(parsed?.accessKeyId).toBe('AKID');
    expect(acs3CanonicalRequest(req, parsed?.signedHeaders ?? [], empty)).toBe(canonical);
  });

  it('verifies, and fails on a wrong secret, a changed parameter or a changed body', () => {
    const req = base();
    const auth = parseAcs3Authorization(acs3Sign(req, '', 'AKID', 'sk'));
    if (!auth) throw new Error('no auth');
    expect(acs3Verify(req, Buffer.alloc(0), auth, 'sk').ok).toBe(true);
    expect(acs3Verify(req, Buffer.alloc(0), auth, 'other').ok).toBe(false);
    expect(acs3Verify(req, Buffer.from('x'), auth, 'sk').ok).toBe(false);
    expect(acs3Verify({ ...req, query: { ...req.query, KeyId: 'k2' } }, Buffer.alloc(0), auth, 'sk').ok).toBe(
      false,
    );
  });

  it('parses the Java pair order', () => {
    const a = parseAcs3Authorization(
      'ACS3-HMAC-SHA256 Credential=A,Signature=abc,SignedHeaders=x-acs-date;host',
    );
    expect(a).toEqual({ accessKeyId: 'A', signature: 'abc', signedHeaders: ['x-acs-date', 'host'] });
    expect(parseAcs3Authorization('Bearer x')).toBeUndefined();
  });
});
