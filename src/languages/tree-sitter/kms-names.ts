import type { CredentialRole } from '../../model/facts.js';

/** Request parameters whose value names a KMS key or secret (KeyReference.parameter). */
export const KEY_PARAMETERS = ['KeyId', 'DestinationKeyId', 'SecretName'] as const;

/** `key_id`, `keyId`, `KeyId` → `KeyId`; undefined when not a key parameter. */
export function keyParameter(name: string): string | undefined {
  const flat = name.replace(/_/g, '').toLowerCase();
  return KEY_PARAMETERS.find((p) => p.toLowerCase() === flat);
}

/**
 * `access_key_id`, `AccessKeyId`, `accessKeySecret`, `security_token`, `password` → role. Only the full
 * names: a `setSecret(...)` or `x.ak = ...` on some object of the application is not an SDK credential.
 */
export function credentialRole(name: string): CredentialRole | undefined {
  const flat = name.replace(/_/g, '').toLowerCase();
  if (flat === 'accesskeyid') return 'access-key-id';
  if (flat === 'accesskeysecret') return 'access-key-secret';
  if (flat === 'securitytoken' || flat === 'ststoken') return 'security-token';
  if (flat === 'password') return 'password';
  return undefined;
}

/** The shared gateway's hosts: kms.<region>.aliyuncs.com and kms-vpc.<region>.aliyuncs.com. */
export const KMS_ENDPOINT = /(^|[/.])kms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com/i;
/** `<kst-...>.cryptoservice.kms.aliyuncs.com`: a KMS instance's own endpoint, i.e. already migrated. */
export const KMS_INSTANCE_HOST = /\.cryptoservice\.kms\.aliyuncs\.com/i;
export const KMS_API_VERSION = '2016-01-20';

/** `${kms.key-id}` or `${kms.key-id:default}` → `kms.key-id`. */
export function placeholderName(value: string): string | undefined {
  const m = /^\$\{([^}:]+)(:[^}]*)?\}$/.exec(value.trim());
  return m ? m[1] : undefined;
}
