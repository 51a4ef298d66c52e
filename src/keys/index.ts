/** The library API of `keys` and `plan` (src/keys/README.md); the CLI files only parse flags around it. */
export { buildPlan, type PlanInput } from './build-plan.js';
export { type Credentials, CredentialsError, resolveCredentials } from './credentials.js';
export { fetchInventory, mergeInventories } from './fetch-inventory.js';
export { INSTANCE_PLACEHOLDER, parseInstanceFlags } from './instances.js';
export { InventoryFileError, parseInventoryText, readInventoryFile } from './inventory-file.js';
export { judgeKey, judgeOther } from './judge.js';
export { judgeInventory, type KeysResult } from './judge-inventory.js';
export { type KeysFormat, keysJson, renderKeys } from './keys-report.js';
export { type LoadOptions, loadInventory, UsageError } from './load-inventory.js';
export { CredentialsRejectedError, KmsApiError, KmsReadClient } from './openapi-client.js';
export { type PlanFormat, renderPlan } from './plan-report.js';
export type * from './plan-types.js';
export { scanRepos } from './scan-apps.js';
export type * from './types.js';
export { parseWindow } from './window.js';
