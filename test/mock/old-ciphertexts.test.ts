import { connect } from 'node:tls';
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockHandle, startMock } from '../../src/mock/index.js';
import type { KmsTransferPopClient } from '../../src/transfer/index.js';
import { POST, popOptions, transferClient } from '../transfer/helpers/mock-client.js';

// What verify's evidence rests on: the mock tells ciphertexts made before a key move from those made
// after it, counts the old ones read back (opened or failed), and counts TLS handshakes refused.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies read field by field
type Json = Record<string, any>;

let mock: MockHandle;
let gateway: RPCClient;
let instance: KmsTransferPopClient;

beforeAll(async () => {
  mock = await startMock({ quiet: true, seed: false });
  gateway = new RPCClient(popOptions(mock));
  instance = transferClient(mock);
});
afterAll(async () => {
  instance?.close();
  await mock?.close();
});

const encrypt = async (keyId: string, text: string): Promise<string> =>
  ((await gateway.request('Encrypt', { KeyId: keyId, Plaintext: text }, POST)) as Json).CiphertextBlob;
const decryptOnInstance = async (blob: string): Promise<string> =>
  ((await instance.request('Decrypt', { CiphertextBlob: blob }, POST)) as Json).Plaintext;

describe('old ciphertexts read back after a key move', () => {
  it('counts each ciphertext made before the move once when it opens after it, and none made after', async () => {
    const keyId = mock.admin.createKey().KeyId;
    const old1 = await encrypt(keyId, 'one');
    const old2 = await encrypt(keyId, 'two');
    // Read back before the move: not old yet, so not counted.
    expect(((await gateway.request('Decrypt', { CiphertextBlob: old1 }, POST)) as Json).Plaintext).toBe(
      'one',
    );
    mock.admin.moveKeys([keyId]);
    mock.admin.closeGateway([keyId]);
    mock.admin.resetCounts();
    expect(mock.admin.oldCiphertexts()).toEqual({ opened: 0, failed: 0 });

    expect(await decryptOnInstance(old1)).toBe('one');
    expect(await decryptOnInstance(old1)).toBe('one');
    expect(await decryptOnInstance(old2)).toBe('two');
    const fresh = ((await instance.request('Encrypt', { KeyId: keyId, Plaintext: 'new' }, POST)) as Json)
      .CiphertextBlob;
    expect(await decryptOnInstance(fresh)).toBe('new');
    expect(mock.admin.oldCiphertexts()).toEqual({ opened: 2, failed: 0 });

    mock.admin.resetCounts();
    expect(mock.admin.oldCiphertexts()).toEqual({ opened: 0, failed: 0 });
  });

  it('a key moved without its material: old ciphertexts fail to open, and the failure is kept with its error', async () => {
    const keyId = mock.admin.createKey().KeyId;
    const old = await encrypt(keyId, 'yesterday');
    mock.admin.moveKeys([keyId], { withoutMaterial: true });
    mock.admin.resetCounts();
    await expect(decryptOnInstance(old)).rejects.toThrow();
    const stats = mock.admin.oldCiphertexts();
    expect(stats.opened).toBe(0);
    expect(stats.failed).toBe(1);
    expect(stats.lastError).toMatch(/^InvalidParameter: .*does not decrypt/);
    // New data on the same key still works: only the old material is gone.
    const fresh = ((await instance.request('Encrypt', { KeyId: keyId, Plaintext: 'today' }, POST)) as Json)
      .CiphertextBlob;
    expect(await decryptOnInstance(fresh)).toBe('today');
  });

  it('counts RSA ciphertexts made by AsymmetricEncrypt before the move', async () => {
    const key = mock.admin.createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT/DECRYPT' });
    const params = { KeyId: key.KeyId, KeyVersionId: key.PrimaryKeyVersion, Algorithm: 'RSAES_OAEP_SHA_256' };
    const sealed = (await gateway.request(
      'AsymmetricEncrypt',
      { ...params, Plaintext: Buffer.from('rsa old').toString('base64') },
      POST,
    )) as Json;
    mock.admin.moveKeys([key.KeyId]);
    mock.admin.resetCounts();
    const opened = (await instance.request(
      'AsymmetricDecrypt',
      { ...params, CiphertextBlob: sealed.CiphertextBlob },
      POST,
    )) as Json;
    expect(Buffer.from(opened.Plaintext, 'base64').toString()).toBe('rsa old');
    expect(mock.admin.oldCiphertexts()).toEqual({ opened: 1, failed: 0 });
  });
});

describe('TLS handshakes refused at the instance', () => {
  const handshake = (ca?: string) =>
    new Promise<string>((resolve) => {
      const [host, port] = mock.instanceEndpoint.split(':');
      const socket = connect({ host, port: Number(port), ca, servername: 'localhost' });
      socket.once('secureConnect', () => {
        socket.end();
        resolve('connected');
      });
      socket.once('error', (err) => resolve(err.message));
    });

  it('counts a client that does not trust the certificate, with the reason, and not one that does', async () => {
    mock.admin.resetCounts();
    expect(await handshake(mock.caPem)).toBe('connected');
    expect(mock.admin.tlsRefusals().count).toBe(0);
    expect(await handshake()).toMatch(/certificate/i);
    // The server learns of the refusal from the client's alert, a moment after the client gave up.
    await expect.poll(() => mock.admin.tlsRefusals().count).toBe(1);
    expect(mock.admin.tlsRefusals().lastReason).toMatch(/alert|certificate|unknown ca|socket/i);
    mock.admin.resetCounts();
    expect(mock.admin.tlsRefusals()).toEqual({ count: 0 });
  });
});
