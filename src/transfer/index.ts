import { KmsTransferPopClient } from './client.js';

export type { TransferErrorData } from './errors.js';
export { KmsTransferError, translateInstanceError } from './errors.js';
export type { KmsInstanceConfig, PopCoreConfig, RequestEntry, RequestOptions } from './options.js';
export { PopCoreMissingError } from './pop-core-loader.js';
export { KmsTransferPopClient };
export default KmsTransferPopClient;
