import type { OldCiphertexts } from './ciphertext-ledger.js';
import type { MockLanguage } from './env.js';
import type { CreateKeySpec, KeyMetadata } from './keystore.js';
import type { InstanceKind } from './profiles.js';

import type { TlsRefusals } from './throttle.js';

export type { CreateKeySpec, InstanceKind, KeyMetadata, MockLanguage, OldCiphertexts, TlsRefusals };

export interface StartMockOptions {
  instance?: InstanceKind;
  /** Gateway HTTP port; 0/undefined = ephemeral. Other faces are always ephemeral. */
  port?: number;
  /** Persist keystore, PKI and credentials here (atomic writes) so a restart keeps keys. */
  stateDir?: string;
  /** Where the CA, client key and helper files are written (default: stateDir or a temp dir). */
  dir?: string;
  /** Create the sample keys and secret (default true). */
  seed?: boolean;
  quiet?: boolean;
  /**
   * Give this mock its own CA instead of the per-user cached one (costs one RSA key generation,
   * 0.2–3 s depending on load). Use it when a test needs a mock whose CA other mocks do not share.
   * Ignored with stateDir (the state dir keeps its own PKI).
   */
  isolatedPki?: boolean;
}

export interface MockAdmin {
  createKey(spec?: Omit<CreateKeySpec, 'material'>): KeyMetadata;
  createSecret(name: string, value: string, opts?: { versionId?: string; type?: string }): void;
  /**
   * Into the instance; material kept so old ciphertext still decrypts. `withoutMaterial` (self-tests
   * only) gives the keys new material, so old ciphertexts no longer open.
   */
  moveKeys(keyIds: string[], opts?: { withoutMaterial?: boolean }): void;
  /** Gateway crypto calls on these keys then fail with an error that says why. */
  closeGateway(keyIds: string[]): void;
  callCounts(): { gateway: Record<string, number>; instance: Record<string, number> };
  /** Ciphertexts made before the latest moveKeys and decrypted since, opened or failed (distinct). */
  oldCiphertexts(): OldCiphertexts;
  /** TLS handshakes broken off at the instance listener (a client that did not trust its certificate). */
  tlsRefusals(): TlsRefusals;
  /** Resets the call counts, the old-ciphertext counts and the TLS refusals. */
  resetCounts(): void;
  /** qps <= 0 disables throttling. */
  setQps(face: 'gateway' | 'instance', qps: number): void;
  /** Registers another application access point's public key (PEM) under a KeyId. */
  registerClientKey(keyId: string, publicKeyPem: string): void;
  /** Adds an STS credential triple the gateway accepts. */
  createStsCredential(): { accessKeyId: string; accessKeySecret: string; securityToken: string };
  describeKey(keyId: string): KeyMetadata;
}

export interface MockHandle {
  region: string;
  instanceKind: InstanceKind;
  instanceId: string;
  gatewayUrl: string;
  gatewayHttpsUrl: string;
  proxyUrl: string;
  /** `127.0.0.1:<port>`, dkms-gcs-0.2 over HTTPS. */
  instanceEndpoint: string;
  adminUrl: string;
  /** Directory holding ca.pem, the client key file, mock.json and helper files. */
  dir: string;
  caFile: string;
  caPem: string;
  clientKeyId: string;
  clientKeyFile: string;
  clientKeyContent: string;
  clientKeyPassword: string;
  accessKeyId: string;
  accessKeySecret: string;
  sampleKeys: { aes: string; rsaEncrypt: string; rsaSign: string; ecSign: string };
  sampleSecret: { name: string; value: string };
  env(lang: MockLanguage): Record<string, string>;
  admin: MockAdmin;
  /** Milliseconds startMock took. */
  startupMs: number;
  close(): Promise<void>;
}
