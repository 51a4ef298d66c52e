import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClientKey } from '../../src/protocol/client-key.js';
import { KmsTransferPopClient } from '../../src/transfer/index.js';

// Construction-time checks: each names the setting to fix, and none ever repeats a secret.
const password = 'Pa55-word-that-must-not-leak';
const key = createClientKey({ password });
const dir = mkdtempSync(join(tmpdir(), 'transfer-config-'));
const keyFile = join(dir, 'ClientKey_test.json');
writeFileSync(keyFile, key.content);
const pop = {
  accessKeyId: 'id',
  accessKeySecret: 'AccessKeySecretValue',
  endpoint: 'https://kms.cn-hangzhou.aliyuncs.com',
  apiVersion: '2016-01-20',
};

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

/** Everything a caller could print or serialise about an error. */
function everything(e: Error): string {
  return [
    e.message,
    e.stack,
    JSON.stringify(e),
    String(e),
    JSON.stringify(Object.getOwnPropertyDescriptors(e)),
  ].join('\n');
}

describe('KmsTransferPopClient construction', () => {
  it('a wrong client key password gives a clear error that never contains a secret', () => {
    const e = thrown(
      () =>
        new KmsTransferPopClient(pop, {
          endpoint: '127.0.0.1:1',
          clientKeyFile: keyFile,
          password: 'wrong-password-1234',
        }),
    );
    expect(e.code).toBe('SDK.InvalidClientKey');
    expect(e.message).toMatch(/password/i);
    expect(e.message).toContain(keyFile);
    const all = everything(e);
    expect(all).not.toContain('wrong-password-1234');
    expect(all).not.toContain(password);
    expect(all).not.toContain(JSON.parse(key.content).PrivateKeyData.slice(20, 60));
  });

  it('names the environment variable of a missing setting', () => {
    expect(
      thrown(() => new KmsTransferPopClient(pop, { clientKeyFile: keyFile, password })).message,
    ).toContain('KMS_INSTANCE_ENDPOINT');
    expect(thrown(() => new KmsTransferPopClient(pop, { endpoint: 'h:1', password })).message).toContain(
      'KMS_CLIENT_KEY_FILE',
    );
    expect(
      thrown(() => new KmsTransferPopClient(pop, { endpoint: 'h:1', clientKeyFile: keyFile })).message,
    ).toContain('KMS_CLIENT_KEY_PASSWORD');
    expect(
      thrown(
        () =>
          new KmsTransferPopClient(pop, {
            endpoint: 'kst-1.example.com/path',
            clientKeyFile: keyFile,
            password,
          }),
      ).message,
    ).toMatch(/not host\[:port\].*KMS_INSTANCE_ENDPOINT/);
    const ca = thrown(
      () =>
        new KmsTransferPopClient(pop, {
          endpoint: 'h:1',
          clientKeyFile: keyFile,
          password,
          caFile: join(dir, 'none.pem'),
        }),
    );
    expect(ca.message).toContain('none.pem');
  });

  it('an unreadable client key file is reported with its path', () => {
    const e = thrown(
      () =>
        new KmsTransferPopClient(pop, {
          endpoint: 'h:1',
          clientKeyFile: join(dir, 'missing.json'),
          password,
        }),
    );
    expect(e.code).toBe('SDK.InvalidClientKey');
    expect(e.message).toContain('missing.json');
  });

  it('keeps no secret where JSON.stringify or a console dump can see it', () => {
    const client = new KmsTransferPopClient(pop, {
      endpoint: 'https://127.0.0.1:1/',
      clientKeyContent: key.content,
      password,
    });
    expect(client.instanceUrl).toBe('https://127.0.0.1:1/');
    const dump = JSON.stringify(client) + String(Object.keys(client));
    expect(dump).not.toContain(password);
    expect(dump).not.toContain('AccessKeySecretValue');
    expect(dump).not.toContain('PRIVATE KEY');
    client.close();
  });

  it('without an instance config every action goes to pop-core', async () => {
    const client = new KmsTransferPopClient({ ...pop, endpoint: 'http://127.0.0.1:9' }, undefined);
    expect(client.instanceUrl).toBeUndefined();
    // pop-core itself answers (and fails to connect to the closed port), proving the route.
    await expect(client.request('Encrypt', { KeyId: 'k', Plaintext: 'p' })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
