/**
 * The environment variables rewritten code reads its KMS-instance settings from. The same names in
 * every language, documented in the README; the mock's `env(lang)` sets them too. The password is
 * only ever read from the environment, never written into code.
 */
export const INSTANCE_ENV = {
  endpoint: 'KMS_INSTANCE_ENDPOINT',
  clientKeyFile: 'KMS_CLIENT_KEY_FILE',
  clientKeyPassword: 'KMS_CLIENT_KEY_PASSWORD',
  caFile: 'KMS_CA_FILE',
} as const;

/** Credential variables the vendor's guide tells applications to read (seed README, "The code change" 3). */
export const CREDENTIAL_ENV = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  region: 'ALIBABA_CLOUD_REGION_ID',
} as const;
