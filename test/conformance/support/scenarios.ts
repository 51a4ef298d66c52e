import type { ToolLang } from '../../../src/toolchains/index.js';

/** The checks each program must report (a program that skips one fails the test). */
export const REQUIRED_CHECKS: Record<string, readonly string[]> = {
  legacy: [
    'encrypt-decrypt-with-context',
    'decrypt-with-wrong-context-refused',
    'generate-data-key',
    'asymmetric-sign-verify-rsa-pss',
    'asymmetric-sign-verify-ecdsa',
    'describe-key',
    'list-keys-paged',
    'wrong-secret-signature-does-not-match',
  ],
  'legacy-v2': [
    'encrypt-decrypt-with-context',
    'generate-data-key',
    'asymmetric-sign-verify-rsa-pss',
    'describe-key',
    'list-keys-paged',
    'wrong-secret-signature-does-not-match',
  ],
  instance: [
    'encrypt-decrypt',
    'generate-data-key',
    'sign-verify-rsa-tampered-refused',
    'sign-verify-ecdsa-tampered-refused',
    'get-public-key',
    'get-secret-value',
    'generate-random',
    'advance-encrypt-decrypt',
    'advance-generate-data-key',
    'advance-generate-data-key-pair',
    'unknown-key-id-refused',
  ],
  'transfer:before': ['legacy-encrypt-through-gateway-before-move'],
  'transfer-v2:before': ['v2-encrypt-through-gateway-before-move'],
  'transfer:after': [
    'pre-move-ciphertext-decrypts-after-move',
    'pre-move-data-key-decrypts-after-move',
    'transfer-encrypt-decrypt',
    'transfer-generate-data-key',
    'transfer-asymmetric-sign-verify',
    'transfer-get-secret-value',
  ],
  'transfer:closed': ['legacy-client-refused-after-gateway-closed'],
  // What each vendor transfer client does with a CommonRequest to KMS (src/rules/kms-action/manual-change.ts):
  // an instance action is not routed to the instance (Java: ClassCastException, Python: AttributeError,
  // Go: the shared gateway, closed for the key); a management action passes to the gateway.
  'transfer:common-request': [
    'common-request-instance-action-not-routed',
    'common-request-management-action-passes-to-gateway',
  ],
  'legacy-tls': ['untrusted-ca-refused'],
  security: [
    'baseline-accepted',
    'wrong-client-key-refused',
    'unregistered-client-key-refused',
    'unknown-key-id-refused',
    'untrusted-ca-refused',
  ],
};

/** Legacy checks for one SDK's own default behaviour. */
export const EXTRA_LEGACY_CHECKS: Partial<Record<ToolLang, readonly string[]>> = {
  go: ['default-http-scheme-through-proxy'],
  // A raw replay of the request the SDK signed and sent: the gateway refuses the reused nonce.
  python: ['signature-nonce-replay-refused'],
};

/** Checks only some SDKs can make (the others lack a hook to fake the clock or the transport). */
export const EXTRA_SECURITY_CHECKS: Partial<Record<ToolLang, readonly string[]>> = {
  python: ['expired-date-refused', 'tampered-body-refused', 'legacy-untrusted-ca-refused'],
};

/** Which programs each language has: the vendor ships no instance or transfer SDK for Node. */
export const PROGRAMS: Record<ToolLang, readonly string[]> = {
  python: ['legacy', 'instance', 'transfer', 'transfer-v2', 'security'],
  java: ['legacy', 'instance', 'transfer', 'security'],
  go: ['legacy', 'instance', 'transfer', 'security'],
  node: ['legacy', 'legacy-v2', 'legacy-tls'],
};

/** Per transfer program: legacy action → the instance API it must become (call counts prove it). */
export const TRANSFER_ROUTED: Record<string, Record<string, string>> = {
  transfer: {
    Encrypt: 'Encrypt',
    Decrypt: 'Decrypt',
    GenerateDataKey: 'GenerateDataKey',
    AsymmetricSign: 'Sign',
    AsymmetricVerify: 'Verify',
    GetSecretValue: 'GetSecretValue',
  },
  // The vendor KMS SDK's TransferClient uses the Advance* operations by default.
  'transfer-v2': {
    Encrypt: 'AdvanceEncrypt',
    Decrypt: 'AdvanceDecrypt',
    GenerateDataKey: 'AdvanceGenerateDataKey',
    AsymmetricSign: 'Sign',
    AsymmetricVerify: 'Verify',
    GetSecretValue: 'GetSecretValue',
  },
};
