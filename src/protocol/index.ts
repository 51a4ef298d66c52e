export * from './acs3-signature.js';
export * from './ciphertext-blob.js';
export * from './client-key.js';
export * from './dkms-messages.js';
export * from './dkms-signature.js';
export * from './rpc-signature.js';
