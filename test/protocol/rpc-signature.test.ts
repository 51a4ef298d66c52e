import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  percentEncode,
  rpcSign,
  rpcStringToSign,
  rpcVerify,
  signRpcRequest,
} from '../../src/protocol/rpc-signature.js';

describe('RPC HMAC-SHA1 signature v1', () => {
  it('percent-encodes by RFC 3986 with upper-case hex', () => {
    expect(percentEncode("a b*c~d!'()/+=")).toBe('a%20b%2Ac~d%21%27%28%29%2F%2B%3D');
    expect(percentEncode('中')).toBe('%E4%B8%AD');
  });

  it('sorts keys, keeps empty values and drops Signature', () => {
    expect(canonicalQuery({ b: '2', a: '1 1', SignatureType: '', Signature: 'x' })).toBe(
      'SignatureType=&a=1%201&b=2',
    );
  });

  it('builds the string-to-sign of the documented shape', () => {
    const sts = rpcStringToSign('post', { Action: 'Encrypt', Timestamp: '2024-01-01T00:00:00Z' });
    expect(sts).toBe('POST&%2F&Action%3DEncrypt%26Timestamp%3D2024-01-01T00%253A00%253A00Z');
  });

  it('signs with HMAC-SHA1 keyed by secret + "&" (vector computed independently)', () => {
    const params = { Action: 'Encrypt', KeyId: 'k', Timestamp: '2024-01-01T00:00:00Z' };
    const sts = 'GET&%2F&Action%3DEncrypt%26KeyId%3Dk%26Timestamp%3D2024-01-01T00%253A00%253A00Z';
    const expected = createHmac('sha1', 'secret&').update(sts).digest('base64');
    expect(rpcSign('GET', params, 'secret')).toBe(expected);
  });

  it('verifies what it signs and rejects a wrong secret, returning the server string-to-sign', () => {
    const all = signRpcRequest({
      method: 'POST',
      action: 'Encrypt',
      params: { KeyId: 'abc', Plaintext: 'hello world', EncryptionContext: '{"a":"b"}' },
      accessKeyId: 'AKID',
      accessKeySecret: 'right',
    });
    expect(rpcVerify('POST', all, 'right').ok).toBe(true);
    const bad = rpcVerify('POST', all, 'wrong');
    expect(bad.ok).toBe(false);
    expect(bad.stringToSign.startsWith('POST&%2F&AccessKeyId%3DAKID%26Action%3DEncrypt')).toBe(true);
    expect(rpcVerify('GET', all, 'right').ok).toBe(false);
  });
});
