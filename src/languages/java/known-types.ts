import type { SdkFamily } from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { lookupTable } from '../../model/lookup-table.js';

/** Client classes the Java extractor recognises, by fully qualified name. */
export const JAVA_CLIENTS = lookupTable<SdkFamily>({
  'com.aliyuncs.DefaultAcsClient': 'legacy-core',
  'com.aliyun.kms20160120.Client': 'tea-kms',
  'com.aliyun.kms.KmsTransferAcsClient': 'transfer',
  'com.aliyun.kms.kms20160120.TransferClient': 'transfer',
  'com.aliyun.kms.kms20160120.Client': 'transfer',
  'com.aliyun.dkms.gcs.sdk.Client': 'instance',
});

/** Simple names we accept without an import (the class may come from a wildcard we cannot see through, or a same-package subclass is unlikely). */
export const UNQUALIFIED_CLIENTS = lookupTable<string>({
  DefaultAcsClient: 'com.aliyuncs.DefaultAcsClient',
  KmsTransferAcsClient: 'com.aliyun.kms.KmsTransferAcsClient',
});

export const LEGACY_KMS_MODELS = 'com.aliyuncs.kms.model.v20160120';
export const TEA_KMS_MODELS = 'com.aliyun.kms20160120.models';
const OTHER_PRODUCT_MODEL = /^com\.aliyuncs\.([a-z0-9_]+)\.model\.v\d+\.\w+$/;
/** The core SDK's own STS requests (`com.aliyuncs.auth.sts.AssumeRoleRequest`, `GetSessionAccessKeyRequest`). */
const CORE_STS = /^com\.aliyuncs\.auth\.sts\.\w+Request$/;

/** `com.aliyuncs.kms.model.v20160120.ReEncryptRequest` → `ReEncrypt`. */
export function legacyKmsRequestAction(fqn: string): string | undefined {
  if (!fqn.startsWith(`${LEGACY_KMS_MODELS}.`)) return undefined;
  const cls = fqn.slice(LEGACY_KMS_MODELS.length + 1);
  return cls.endsWith('Request') ? canonicalAction(cls) : undefined;
}

export function teaKmsModel(fqn: string): boolean {
  return fqn.startsWith(`${TEA_KMS_MODELS}.`);
}

/** `com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest` → `ecs` (never `kms`). */
export function otherProductOf(fqn: string): string | undefined {
  if (CORE_STS.test(fqn)) return 'sts';
  const m = OTHER_PRODUCT_MODEL.exec(fqn);
  return m && m[1] !== 'kms' ? m[1] : undefined;
}

/** Whether a class exists at this FQN as far as wildcard resolution is concerned. */
export function isKnownJavaType(fqn: string): boolean {
  return (
    fqn in JAVA_CLIENTS ||
    legacyKmsRequestAction(fqn) !== undefined ||
    teaKmsModel(fqn) ||
    otherProductOf(fqn) !== undefined ||
    KNOWN_SUPPORT.has(fqn)
  );
}

const KNOWN_SUPPORT = new Set([
  'com.aliyuncs.CommonRequest',
  'com.aliyuncs.profile.DefaultProfile',
  'com.aliyuncs.auth.BasicCredentials',
  'com.aliyuncs.auth.BasicSessionCredentials',
]);
