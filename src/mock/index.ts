export { ADMIN_TOKEN_HEADER } from './admin-server.js';
export { KmsError } from './errors.js';
export { GATEWAY_CLOSED_CODE } from './gateway-context.js';
export { GATEWAY_ACTIONS } from './gateway-server.js';
export { PROFILES } from './profiles.js';
export { startMock } from './start.js';
export type {
  CreateKeySpec,
  InstanceKind,
  KeyMetadata,
  MockAdmin,
  MockHandle,
  MockLanguage,
  StartMockOptions,
} from './types.js';

/**
 * Generates the per-user PKI cache (CA, server and client RSA keys) ahead of time, so the first
 * `startMock` on a fresh machine also starts fast. For setup scripts; safe to call repeatedly.
 */
export async function warmMockPki(): Promise<void> {
  const { ensureClientKey, loadPki, pkiCacheDir } = await import('./pki.js');
  const { alnum } = await import('./start.js');
  const dir = pkiCacheDir();
  ensureClientKey(await loadPki(dir), dir, () => alnum(20));
}
