import { type MockHandle, type TlsRefusals, tlsRefusalsOf } from './mock-api.js';

/**
 * The foreign instance's TLS refusals once they have arrived: the server learns of a refused
 * handshake from the client's alert, which can land just after the client process has exited.
 */
export async function settledTlsRefusals(mock: MockHandle, waitMs = 1000): Promise<TlsRefusals> {
  const until = Date.now() + waitMs;
  let refused = tlsRefusalsOf(mock);
  while (refused.count === 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    refused = tlsRefusalsOf(mock);
  }
  return refused;
}
