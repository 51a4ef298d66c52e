import type { KmsEvidence, SdkFamily } from '../../model/index.js';
import { NODE_TRANSFER_MODULES } from '../../model/node-transfer.js';

/**
 * The Node SDK packages we recognise, and which of their exports build a client. The workspace
 * prefilter derives its TS/JS literals from this table too (src/workspace/sdk-literals.ts).
 */
export interface NodeSdk {
  module: string;
  family: SdkFamily;
  /** Export names that are the client class; 'default' also covers `module.exports = Class`. */
  clientExports: string[];
  /** Evidence a client of this package carries by construction; pop-core needs its arguments. */
  evidence: KmsEvidence[];
  /** Whether `XxxRequest` models of this package are KMS request classes. */
  kmsModels: boolean;
}

export const NODE_SDKS: readonly NodeSdk[] = [
  {
    module: '@alicloud/pop-core',
    family: 'pop-core',
    clientExports: ['default', 'RPCClient'],
    evidence: [],
    kmsModels: false,
  },
  {
    module: '@alicloud/kms20160120',
    family: 'tea-kms',
    clientExports: ['default', 'Client'],
    evidence: ['kms-package'],
    kmsModels: true,
  },
  ...NODE_TRANSFER_MODULES.map(
    (module): NodeSdk => ({
      module,
      family: 'transfer',
      clientExports: ['KmsTransferPopClient'],
      evidence: ['kms-package'],
      kmsModels: false,
    }),
  ),
];

/** The SDK a module specifier belongs to; a deep import (`@alicloud/pop-core/lib/rpc`) counts as its package. */
export function nodeSdk(module: string): NodeSdk | undefined {
  return NODE_SDKS.find((s) => s.module === module || module.startsWith(`${s.module}/`));
}

/** `kms.cn-hangzhou.aliyuncs.com`, `https://kms-vpc.cn-shanghai.aliyuncs.com/`; not instance hosts. */
export const KMS_GATEWAY_HOST = /(^|[/.@])kms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com/i;
/** `ecs.aliyuncs.com`, `vod.cn-shanghai.aliyuncs.com` → the product. */
export const PRODUCT_HOST = /(?:^|[/.@])([a-z][a-z0-9]*)(?:-vpc)?(?:\.[a-z0-9-]+)?\.aliyuncs\.com/i;

export { KMS_API_VERSION, KMS_INSTANCE_HOST } from '../tree-sitter/kms-names.js';
