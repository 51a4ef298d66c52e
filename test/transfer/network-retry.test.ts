import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/mock/index.js';
import type { KmsTransferError } from '../../src/transfer/index.js';
import { transferClient } from './helpers/mock-client.js';

// A TCP relay in front of the instance that drops the first N connections: the client must retry
// network failures (bounded) like the vendor SDKs, and report SDK.ServerUnreachable when they persist.
type Mock = Awaited<ReturnType<typeof startMock>>;

let mock: Mock;
beforeAll(async () => {
  mock = await startMock({ quiet: true });
});
afterAll(async () => {
  await mock?.close();
});

async function flakyRelay(
  dropFirst: number,
  mode: 'drop' | 'hang' = 'drop',
): Promise<{ server: Server; endpoint: string; connections: () => number }> {
  const [host, port] = mock.instanceEndpoint.split(':');
  let seen = 0;
  const server = createServer((socket: Socket) => {
    seen++;
    if (seen <= dropFirst) {
      // 'hang' accepts the connection and never answers
      if (mode === 'drop') socket.destroy();
      else socket.on('error', () => {});
      return;
    }
    const upstream = connect(Number(port), host);
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  return { server, endpoint: `127.0.0.1:${address.port}`, connections: () => seen };
}

describe('network failures', () => {
  it('a dropped connection is retried and the call succeeds', async () => {
    const relay = await flakyRelay(2);
    const client = transferClient({ ...mock, instanceEndpoint: relay.endpoint }, { retryDelay: 20 });
    try {
      const enc = (await client.request('Encrypt', {
        KeyId: mock.sampleKeys.aes,
        Plaintext: 'after two drops',
      })) as Record<string, string>;
      const dec = (await client.request('Decrypt', { CiphertextBlob: enc.CiphertextBlob })) as Record<
        string,
        string
      >;
      expect(dec.Plaintext).toBe('after two drops');
      expect(relay.connections()).toBeGreaterThanOrEqual(3);
    } finally {
      client.close();
      relay.server.close();
    }
  });

  it('persistent failures stop after maxRetries with SDK.ServerUnreachable', async () => {
    const relay = await flakyRelay(1000);
    const client = transferClient(
      { ...mock, instanceEndpoint: relay.endpoint },
      { retryDelay: 10, maxRetries: 2 },
    );
    try {
      const err = (await client
        .request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x' })
        .catch((e: unknown) => e)) as KmsTransferError;
      expect(err.code).toBe('SDK.ServerUnreachable');
      expect(err.message).toContain(relay.endpoint);
      expect(relay.connections()).toBe(3);
    } finally {
      client.close();
      relay.server.close();
    }
  });

  it('a per-call timeout (pop-core opts.timeout) bounds a silent instance', async () => {
    const relay = await flakyRelay(1000, 'hang');
    const client = transferClient(
      { ...mock, instanceEndpoint: relay.endpoint },
      { maxRetries: 1, retryDelay: 10, timeout: 60_000 },
    );
    try {
      const started = Date.now();
      const err = (await client
        .request('Encrypt', { KeyId: mock.sampleKeys.aes, Plaintext: 'x' }, { timeout: 200 })
        .catch((e: unknown) => e)) as KmsTransferError;
      expect(err.code).toBe('SDK.ServerUnreachable');
      expect(err.message).toContain('ETIMEDOUT');
      expect(relay.connections()).toBe(2);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      client.close();
      relay.server.close();
    }
  });
});
