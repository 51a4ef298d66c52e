import type { CredentialRole, SdkFamily } from '../../model/facts.js';
import { lookupTable } from '../../model/lookup-table.js';

export const LEGACY_KMS = 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms';
export const CORE_SDK = 'github.com/aliyun/alibaba-cloud-sdk-go/sdk';
export const CORE_REQUESTS = 'github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests';
const TEA_KMS_MODULE = 'github.com/alibabacloud-go/kms-20160120';
const TEA_KMS = /^github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client$/;
const TRANSFER_SDK = 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk';
const KMS_SDK = 'github.com/aliyun/alibabacloud-kms-go-sdk/sdk';
export const INSTANCE_SDK = 'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk';

/** The modules whose import alone makes a file KMS code: every module the tables below name. */
export const KMS_MODULES = [LEGACY_KMS, TEA_KMS_MODULE, TRANSFER_SDK, KMS_SDK, INSTANCE_SDK];
/** Import path prefixes of the vendor's SDKs (any product), see isAlibabaPath. */
export const ALIBABA_PATH_PREFIXES = ['github.com/aliyun/', 'github.com/alibabacloud-go/'];
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
  if (path === TRANSFER_SDK) return name.startsWith('NewClient') ? 'transfer' : undefined;
  if (path === KMS_SDK) return /^New(Transfer)?Client/.test(name) ? 'transfer' : undefined;
  if (path === `${INSTANCE_SDK}/sdk`) return name === 'NewClient' ? 'instance' : undefined;
  return undefined;
}

/** Family of a declared client type `pkg.Type` (for `*kms.Client` fields and parameters). */
export function clientTypeFamily(path: string, type: string): SdkFamily | undefined {
  if (path === LEGACY_KMS && type === 'Client') return 'legacy-core';
  if (TEA_KMS.test(path) && type === 'Client') return 'tea-kms';
  if (path === TRANSFER_SDK && type === 'KmsTransferClient') return 'transfer';
  if (path === KMS_SDK && /^(Transfer)?Client$/.test(type)) return 'transfer';
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
export const CREDENTIAL_POSITIONS = lookupTable<(CredentialRole | undefined)[]>({
  NewClientWithAccessKey: [undefined, 'access-key-id', 'access-key-secret'],
  NewClientWithStsToken: [undefined, 'access-key-id', 'access-key-secret', 'security-token'],
  NewClientWithRamRoleArn: [undefined, 'access-key-id', 'access-key-secret'],
  NewClientWithRamRoleArnAndPolicy: [undefined, 'access-key-id', 'access-key-secret'],
  NewAccessKeyCredential: ['access-key-id', 'access-key-secret'],
  NewStsTokenCredential: ['access-key-id', 'access-key-secret', 'security-token'],
  NewRamRoleArnCredential: ['access-key-id', 'access-key-secret'],
});

/** Struct fields carrying credentials in config/credential composite literals. */
export const CREDENTIAL_FIELDS = lookupTable<CredentialRole>({
  AccessKeyId: 'access-key-id',
  AccessKeySecret: 'access-key-secret',
  SecurityToken: 'security-token',
  Password: 'password',
});

export function isAlibabaPath(path: string): boolean {
  return ALIBABA_PATH_PREFIXES.some((p) => path.startsWith(p));
}
