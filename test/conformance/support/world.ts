import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockHandle } from '../../../src/mock/index.js';
import { createClientKey } from '../../../src/protocol/index.js';
import type { ToolLang } from '../../../src/toolchains/index.js';

/** Keys and files every conformance program gets through KMS_TEST_* variables. */
export interface World {
  mock: MockHandle;
  env(lang: ToolLang): Record<string, string>;
  gatewayClosedCode: string;
}

/**
 * Keys in the default instance serve the legacy (gateway) programs; keys created in the instance
 * serve the instance-SDK programs. The wrong/unknown client keys and the untrusted CA are made here
 * so that every language is refused for the same reason.
 */
export function makeWorld(mock: MockHandle, gatewayClosedCode: string): World {
  const dir = mkdtempSync(join(tmpdir(), 'kms-conformance-'));
  const { admin } = mock;
  const gatewayAes = admin.createKey({ description: 'conformance legacy AES' }).KeyId;
  const gatewayRsaSign = admin.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' }).KeyId;
  const gatewayEcSign = admin.createKey({ keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY' }).KeyId;
  const instanceAes = admin.createKey({ instance: true }).KeyId;
  const instanceRsaSign = admin.createKey({
    instance: true,
    keySpec: 'RSA_2048',
    keyUsage: 'SIGN/VERIFY',
  }).KeyId;
  const instanceEcSign = admin.createKey({
    instance: true,
    keySpec: 'EC_P256',
    keyUsage: 'SIGN/VERIFY',
  }).KeyId;

  // Same KeyId, other private key: the signature cannot match.
  const wrong = createClientKey({ password: mock.clientKeyPassword, keyId: mock.clientKeyId });
  const wrongFile = join(dir, 'ClientKey_wrong.json');
  writeFileSync(wrongFile, wrong.content);
  // A KeyId the instance never registered.
  const unknown = createClientKey({ password: mock.clientKeyPassword });
  const unknownFile = join(dir, 'ClientKey_unknown.json');
  writeFileSync(unknownFile, unknown.content);
  // A self-signed certificate that did not sign the mock's server certificate.
  const untrustedCa = join(dir, 'untrusted-ca.pem');
  writeFileSync(untrustedCa, unknown.certificatePem);

  const shared = {
    KMS_TEST_AES_KEY: gatewayAes,
    KMS_TEST_RSA_SIGN_KEY: gatewayRsaSign,
    KMS_TEST_EC_SIGN_KEY: gatewayEcSign,
    KMS_TEST_INSTANCE_AES_KEY: instanceAes,
    KMS_TEST_INSTANCE_RSA_SIGN_KEY: instanceRsaSign,
    KMS_TEST_INSTANCE_EC_SIGN_KEY: instanceEcSign,
    KMS_TEST_SECRET_NAME: mock.sampleSecret.name,
    KMS_TEST_SECRET_VALUE: mock.sampleSecret.value,
    KMS_TEST_WRONG_CLIENT_KEY_FILE: wrongFile,
    KMS_TEST_UNKNOWN_CLIENT_KEY_FILE: unknownFile,
    KMS_TEST_UNTRUSTED_CA_FILE: untrustedCa,
    KMS_TEST_GATEWAY_CLOSED_CODE: gatewayClosedCode,
  };
  return {
    mock,
    gatewayClosedCode,
    env: (lang) => ({ ...mock.env(lang), ...shared }),
  };
}

/** Fresh default-instance keys for one language's transfer run, so moves do not affect others. */
export function transferKeys(mock: MockHandle): { aes: string; rsaSign: string } {
  return {
    aes: mock.admin.createKey({ description: 'conformance transfer AES' }).KeyId,
    rsaSign: mock.admin.createKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' }).KeyId,
  };
}
