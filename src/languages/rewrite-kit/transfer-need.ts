import type { ClientSite } from '../../model/facts.js';
import type { TransferNeed } from './rewriter.js';

/** Which SDK an existing transfer client needs in its build, by where its constructor comes from. */
const BY_ORIGIN: readonly [RegExp, TransferNeed][] = [
  [/^com\.aliyun\.kms\.KmsTransferAcsClient$/, 'java-transfer'],
  [/^com\.aliyun\.kms\.kms20160120\./, 'java-kms-sdk'],
  [/^alibabacloud_dkms_transfer\b/, 'python-transfer'],
  [/^alibabacloud_kms_kms20160120\b/, 'python-kms-sdk'],
  [/^github\.com\/aliyun\/alibabacloud-dkms-transfer-go-sdk\//, 'go-transfer'],
  [/^github\.com\/aliyun\/alibabacloud-kms-go-sdk\//, 'go-kms-sdk'],
  [/^kms-codemod\/transfer\b/, 'node-transfer'],
];

/** The SDK a transfer client in the code needs (undefined for other clients). */
export function transferNeedOf(site: ClientSite): TransferNeed | undefined {
  if (site.family !== 'transfer') return undefined;
  return BY_ORIGIN.find(([re]) => re.test(site.qualifiedName))?.[1];
}
