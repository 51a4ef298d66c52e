import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { NODE_TRANSFER_PACKAGE } from '../model/node-transfer.js';
import type { Ecosystem } from './types.js';

/** The packages each rewrite needs (dkms-protocol.md §3.2–3.4, src/transfer/README.md). */
export const NEED_PACKAGES: Record<TransferNeed, { ecosystem: Ecosystem; names: string[] }> = {
  'java-transfer': {
    ecosystem: 'maven',
    names: ['com.aliyun:alibabacloud-dkms-gcs-sdk', 'com.aliyun.kms:kms-transfer-client'],
  },
  'python-transfer': {
    ecosystem: 'pypi',
    names: ['alibabacloud-dkms-transfer-python', 'alibabacloud-dkms-gcs'],
  },
  'go-transfer': {
    ecosystem: 'go',
    names: [
      'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk',
      'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk',
      'github.com/alibabacloud-go/tea',
    ],
  },
  'python-kms-sdk': { ecosystem: 'pypi', names: ['alibabacloud-kms-python-sdk'] },
  'java-kms-sdk': { ecosystem: 'maven', names: ['com.aliyun:alibabacloud-kms-java-sdk'] },
  'go-kms-sdk': {
    ecosystem: 'go',
    names: [
      'github.com/aliyun/alibabacloud-kms-go-sdk',
      'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk',
      'github.com/alibabacloud-go/tea',
    ],
  },
  // The slim client package (packages/transfer/), not the whole toolkit with its parsers.
  'node-transfer': { ecosystem: 'npm', names: [NODE_TRANSFER_PACKAGE] },
};
