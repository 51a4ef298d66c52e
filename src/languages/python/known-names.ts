import type { CredentialRole, SdkFamily } from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { lookupTable } from '../../model/lookup-table.js';

/** Client classes the Python extractor recognises, by qualified path. */
export const PY_CLIENTS = lookupTable<SdkFamily>({
  'aliyunsdkcore.client.AcsClient': 'legacy-core',
  'alibabacloud_kms20160120.client.Client': 'tea-kms',
  'alibabacloud_dkms_transfer.kms_transfer_acs_client.KmsTransferAcsClient': 'transfer',
  'alibabacloud_kms_kms20160120.transfer_client.TransferClient': 'transfer',
  'alibabacloud_kms_kms20160120.client.Client': 'transfer',
  'sdk.client.Client': 'instance',
});

/** Bare names accepted when no import binds them (e.g. re-exported through a project module's star import). */
export const UNBOUND_CLIENTS = lookupTable<string>({
  AcsClient: 'aliyunsdkcore.client.AcsClient',
  KmsTransferAcsClient: 'alibabacloud_dkms_transfer.kms_transfer_acs_client.KmsTransferAcsClient',
});

const LEGACY_REQUEST = /^aliyunsdkkms\.request\.v20160120\.(\w+)\.(\w+)$/;
const OTHER_REQUEST = /^aliyunsdk([a-z0-9_]+)\.request\.v\d+/;
export const TEA_KMS_MODELS = 'alibabacloud_kms20160120.models';
export const COMMON_REQUEST = 'aliyunsdkcore.request.CommonRequest';

/** `aliyunsdkkms.request.v20160120.ReEncryptRequest.ReEncryptRequest` → `ReEncrypt`. */
export function legacyRequestAction(qualified: string): string | undefined {
  const m = LEGACY_REQUEST.exec(qualified);
  return m && m[1] === m[2] && m[2].endsWith('Request') ? canonicalAction(m[2]) : undefined;
}

export function isTeaModel(qualified: string): boolean {
  return qualified.startsWith(`${TEA_KMS_MODELS}.`);
}

/** `aliyunsdkecs.request.v20140526.DescribeInstancesRequest...` → `ecs`. */
export function otherProductOf(module: string): string | undefined {
  const m = OTHER_REQUEST.exec(module);
  return m && m[1] !== 'kms' && m[1] !== 'core' ? m[1] : undefined;
}

export function isKnownPyName(qualified: string): boolean {
  return (
    qualified in PY_CLIENTS ||
    legacyRequestAction(qualified) !== undefined ||
    isTeaModel(qualified) ||
    qualified === COMMON_REQUEST
  );
}

/** Positional credential parameters per callee (last path segment). */
export const CREDENTIAL_POSITIONS = lookupTable<(CredentialRole | undefined)[]>({
  AcsClient: ['access-key-id', 'access-key-secret'],
  KmsTransferAcsClient: [undefined, 'access-key-id', 'access-key-secret'],
  AccessKeyCredential: ['access-key-id', 'access-key-secret'],
  StsTokenCredential: ['access-key-id', 'access-key-secret', 'security-token'],
  RamRoleArnCredential: ['access-key-id', 'access-key-secret'],
});

/** Keyword names that carry credentials, on clients, credential classes and Config models. */
export const CREDENTIAL_KEYWORDS = lookupTable<CredentialRole>({
  ak: 'access-key-id',
  secret: 'access-key-secret',
  access_key_id: 'access-key-id',
  access_key_secret: 'access-key-secret',
  sts_access_key_id: 'access-key-id',
  sts_access_key_secret: 'access-key-secret',
  sts_token: 'security-token',
  security_token: 'security-token',
  password: 'password',
});
