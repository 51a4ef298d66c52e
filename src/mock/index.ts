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
