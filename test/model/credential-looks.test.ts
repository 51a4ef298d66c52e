import { describe, expect, it } from 'vitest';
import { credentialLooks } from '../../src/model/credential-looks.js';

describe('credentialLooks: what a credential literal looks like', () => {
  it('drops placeholders', () => {
    for (const v of [
      '',
      '   ',
      '<Your AccessKeyId>',
      '<access-key-secret>',
      '********',
      'LTAIxxxxxxxxxxxxxxxx',
      'xxxx',
      'your-access-key-id',
      'YOUR_ACCESS_KEY_SECRET',
      'yourAccessKeySecret',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the input
      '${ALIYUN_AK}',
      '{{ ak }}',
      '$ACCESS_KEY_ID',
      'put your key here',
      'changeme',
      '0000000000000000',
    ])
      expect(credentialLooks('access-key-secret', v), v).toBeUndefined();
  });

  it('drops obvious dummies: short values and values spelled only with stand-in words', () => {
    for (const v of [
      'ak',
      'sk',
      'test-ak',
      'secret',
      '123456',
      'test-access-key',
      'my_secret_key_01',
      'demoSecret',
    ])
      expect(credentialLooks('access-key-secret', v), v).toBeUndefined();
    expect(credentialLooks('access-key-id', 'test-access-key-id')).toBeUndefined();
  });

  it('calls an LTAI… or STS.… AccessKey ID real, and any other ID weak', () => {
    expect(credentialLooks('access-key-id', 'LTAI5tPq8XvRm2NbK7wHc3Dz')).toBe('real');
    expect(credentialLooks('access-key-id', 'STS.NTh2fKq9VbXw3sDmRzLc')).toBe('real');
    expect(credentialLooks('access-key-id', 'LTAI5t')).toBeUndefined();
    expect(credentialLooks('access-key-id', 'LTAI' + 'a'.repeat(31))).toBe('weak');
    expect(credentialLooks('access-key-id', 'corp-robot-0042')).toBe('weak');
  });

  it('calls a long mixed secret or token real, and a short or single-class one weak', () => {
    expect(credentialLooks('access-key-secret', 'q3Xv9LmZ2rT8sYw4KpN6bHd1FgJ0cE')).toBe('real');
    expect(credentialLooks('security-token', 'CAIS9gF1q6Ft5B2yfSjIr5bkKf3Dp+9a')).toBe('real');
    expect(credentialLooks('access-key-secret', 'fakeStsSecret')).toBe('weak');
    expect(credentialLooks('access-key-secret', 'allinlowercaseletters')).toBe('weak');
    expect(credentialLooks('password', 'Kms2024pass')).toBe('real');
  });
});
