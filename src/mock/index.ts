export { startMock } from './start.js';
export type { MockAdmin, MockHandle, StartMockOptions, KeyMetadata, CreateKeySpec, MockLanguage, InstanceKind } from './types.js';
export { GATEWAY_CLOSED_CODE } from './gateway-context.js';
export { GATEWAY_ACTIONS } from './gateway-server.js';
export { PROFILES } from './profiles.js';
export { ADMIN_TOKEN_HEADER } from './admin-server.js';
export { KmsError } from './errors.js';
