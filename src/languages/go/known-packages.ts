import type { CredentialRole, SdkFamily } from '../../model/facts.js';

export const LEGACY_KMS = 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms';
export const CORE_SDK = 'github.com/aliyun/alibaba-cloud-sdk-go/sdk';
export const CORE_REQUESTS = 'github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests';
const TEA_KMS = /^github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client$/;
const OTHER_SERVICE = /^github\.com\/aliyun\/alibaba-cloud-sdk-go\/services\/([a-z0-9_]+)$/;

/** The nine client constructors of services/kms (issue 2). */
export const LEGACY_CONSTRUCTORS = new Set([
  'NewClient',
  'NewClientWithAccessKey',
  'NewClientWithStsToken',
  'NewClientWithRamRoleArn',
  'NewClientWithRamRoleArnAndPolicy',
  'NewClientWithEcsRamRole',
  'NewClientWithRsaKeyPair',
  'NewClientWithOptions',
  'NewClientWithProvider',
]);

/** Family of a client constructor `pkg.Name` given the package's import path; undefined when it is not a KMS client. */
export function constructorFamily(path: string, name: string): SdkFamily | undefined {
  if (path === LEGACY_KMS) return LEGACY_CONSTRUCTORS.has(name) ? 'legacy-core' : undefined;
  if (TEA_KMS.test(path)) return name === 'NewClient' ? 'tea-kms' : undefined;
  if (path === 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk')
    return name.startsWith('NewClient') ? 'transfer' : undefined;
  if (path === 'github.com/aliyun/alibabacloud-kms-go-sdk/sdk')
    return /^New(Transfer)?Client/.test(name) ? 'transfer' : undefined;
  if (path === 'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/sdk')
    return name === 'NewClient' ? 'instance' : undefined;
  return undefined;
}

/** Family of a declared client type `pkg.Type` (for `*kms.Client` fields and parameters). */
export function clientTypeFamily(path: string, type: string): SdkFamily | undefined {
  if (path === LEGACY_KMS && type === 'Client') return 'legacy-core';
  if (TEA_KMS.test(path) && type === 'Client') return 'tea-kms';
  if (path === 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk' && type === 'KmsTransferClient')
    return 'transfer';
  if (path === 'github.com/aliyun/alibabacloud-kms-go-sdk/sdk' && /^(Transfer)?Client$/.test(type))
    return 'transfer';
  return undefined;
}

/** Request models live in the legacy services/kms package and in the tea client package. */
export function requestFamily(path: string): SdkFamily | undefined {
  if (path === LEGACY_KMS) return 'legacy-core';
  if (TEA_KMS.test(path)) return 'tea-kms';
  return undefined;
}

export function isTeaKms(path: string): boolean {
  return TEA_KMS.test(path);
}

export function otherProductOf(path: string): string | undefined {
  const m = OTHER_SERVICE.exec(path);
  return m && m[1] !== 'kms' ? m[1] : undefined;
}

/** Positional credential arguments per constructor (legacy kms, core sdk and transfer share signatures). */
export const CREDENTIAL_POSITIONS: Record<string, (CredentialRole | undefined)[]> = {
  NewClientWithAccessKey: [undefined, 'access-key-id', 'access-key-secret'],
  NewClientWithStsToken: [undefined, 'access-key-id', 'access-key-secret', 'security-token'],
  NewClientWithRamRoleArn: [undefined, 'access-key-id', 'access-key-secret'],
  NewClientWithRamRoleArnAndPolicy: [undefined, 'access-key-id', 'access-key-secret'],
  NewAccessKeyCredential: ['access-key-id', 'access-key-secret'],
  NewStsTokenCredential: ['access-key-id', 'access-key-secret', 'security-token'],
  NewRamRoleArnCredential: ['access-key-id', 'access-key-secret'],
};

/** Struct fields carrying credentials in config/credential composite literals. */
export const CREDENTIAL_FIELDS: Record<string, CredentialRole> = {
  AccessKeyId: 'access-key-id',
  AccessKeySecret: 'access-key-secret',
  SecurityToken: 'security-token',
  Password: 'password',
};

export function isAlibabaPath(path: string): boolean {
  return /^github\.com\/(aliyun|alibabacloud-go)\//.test(path);
}
