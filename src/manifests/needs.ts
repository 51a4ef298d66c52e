import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { NODE_TRANSFER_PACKAGE } from '../model/node-transfer.js';
import type { Ecosystem } from './types.js';

export interface NeedPackages {
  ecosystem: Ecosystem;
  /** What the rewritten code imports. */
  names: string[];
  /** The legacy packages it replaces: an optional import's new packages go where these are declared. */
  replaces: string[];
}

/** The packages each rewrite needs (the rewrites are listed in src/migrate/README.md). */
export const NEED_PACKAGES: Record<TransferNeed, NeedPackages> = {
  'java-transfer': {
    ecosystem: 'maven',
    names: ['com.aliyun:alibabacloud-dkms-gcs-sdk', 'com.aliyun.kms:kms-transfer-client'],
    replaces: ['com.aliyun:aliyun-java-sdk-core', 'com.aliyun:aliyun-java-sdk-kms'],
  },
  'python-transfer': {
    ecosystem: 'pypi',
    names: ['alibabacloud-dkms-transfer-python', 'alibabacloud-dkms-gcs'],
    replaces: ['aliyun-python-sdk-core', 'aliyun-python-sdk-kms'],
  },
  'go-transfer': {
    ecosystem: 'go',
    names: [
      'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk',
      'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk',
      'github.com/alibabacloud-go/tea',
    ],
    replaces: ['github.com/aliyun/alibaba-cloud-sdk-go'],
  },
  'python-kms-sdk': {
    ecosystem: 'pypi',
    names: ['alibabacloud-kms-python-sdk'],
    replaces: ['alibabacloud_kms20160120', 'alibabacloud-tea-openapi'],
  },
  'java-kms-sdk': {
    ecosystem: 'maven',
    names: ['com.aliyun:alibabacloud-kms-java-sdk'],
    replaces: ['com.aliyun:kms20160120'],
  },
  'go-kms-sdk': {
    ecosystem: 'go',
    names: [
      'github.com/aliyun/alibabacloud-kms-go-sdk',
      'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk',
      'github.com/alibabacloud-go/tea',
    ],
    replaces: ['github.com/alibabacloud-go/kms-20160120/v3'],
  },
  'node-transfer': {
    ecosystem: 'npm',
    // The slim client package (packages/transfer/), not the whole toolkit with its parsers.
    names: [NODE_TRANSFER_PACKAGE],
    replaces: ['@alicloud/pop-core'],
  },
};
