import type { ClientSite } from '../../model/facts.js';
import { NODE_TRANSFER_PACKAGE } from '../../model/node-transfer.js';
import type { TransferNeed } from './rewriter.js';

/** Which SDK an existing transfer client needs in its build, by where its constructor comes from. */
const BY_ORIGIN: readonly [RegExp, TransferNeed][] = [
  [/^com\.aliyun\.kms\.KmsTransferAcsClient$/, 'java-transfer'],
  [/^com\.aliyun\.kms\.kms20160120\./, 'java-kms-sdk'],
  [/^alibabacloud_dkms_transfer\b/, 'python-transfer'],
  [/^alibabacloud_kms_kms20160120\b/, 'python-kms-sdk'],
  [/^github\.com\/aliyun\/alibabacloud-dkms-transfer-go-sdk\//, 'go-transfer'],
  [/^github\.com\/aliyun\/alibabacloud-kms-go-sdk\//, 'go-kms-sdk'],
  // Not `kms-codemod/transfer` (older migrations): the toolkit itself is its package, which no need adds.
  [new RegExp(`^${NODE_TRANSFER_PACKAGE.replace('/', '\\/')}\\b`), 'node-transfer'],
];

/** The SDK a transfer client in the code needs (undefined for other clients). */
export function transferNeedOf(site: ClientSite): TransferNeed | undefined {
  if (site.family !== 'transfer') return undefined;
  return BY_ORIGIN.find(([re]) => re.test(site.qualifiedName))?.[1];
}
