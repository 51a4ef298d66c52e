import { NODE_SDKS } from '../languages/typescript/sdk-modules.js';
import type { Language } from '../model/index.js';

/** What a file talking to KMS without an SDK still names: the API version, or the gateway's domain. */
const GENERIC_KMS = ['2016-01-20', 'aliyuncs.com'];
/** Every AccessKey ID starts so: a settings file holding one is read for hard-coded credentials. */
const LTAI = 'LTAI';

/**
 * The one table the literal prefilter is built from: a file that contains none of its language's
 * literals names no SDK we know and is never parsed (the Semgrep/GritQL "required text" idea).
 * A language module that learns a new SDK shape must add its package or class name here.
 */
export const SDK_LITERALS: Record<Language, readonly string[]> = {
  // GENERIC_KMS: generic RPC helpers (`RpcPost("Kms", "2016-01-20", ...)`) and hand-built HTTP requests
  // to the gateway name no SDK, only KMS's API version or host.
  java: [
    'com.aliyuncs',
    'com.aliyun.kms',
    'com.aliyun.dkms',
    'DefaultAcsClient',
    'KmsTransferAcsClient',
    ...GENERIC_KMS,
    LTAI,
  ],
  python: [
    // every aliyunsdk* product: a file that executes STS or ECS requests tells which client is not KMS's
    'aliyunsdk',
    'alibabacloud_kms20160120',
    'alibabacloud_dkms',
    'AcsClient',
    ...GENERIC_KMS,
    LTAI,
  ],
  go: [
    'github.com/aliyun/alibaba-cloud-sdk-go',
    'github.com/alibabacloud-go/kms-20160120',
    'alibabacloud-dkms-transfer-go-sdk',
    'alibabacloud-dkms-gcs-go-sdk',
    ...GENERIC_KMS,
    LTAI,
  ],
  typescript: [...NODE_SDKS.map((s) => s.module), 'KmsTransferPopClient', LTAI],
  javascript: [...NODE_SDKS.map((s) => s.module), 'KmsTransferPopClient', LTAI],
  php: ['AlibabaCloud', 'Aliyun\\Core', 'aliyun-php-sdk-kms'],
  csharp: ['Aliyun.Acs', 'AlibabaCloud.SDK.Kms'],
  other: [],
};

/**
 * Besides the literals: a pop-core client imported from another file of the app is called as
 * `kms.request('ReEncrypt', ...)` in a file that names no SDK at all. A `.request(` whose first
 * argument is a string is rare elsewhere (HTTP clients take a URL or an options object first).
 */
export const SDK_PATTERNS: Partial<Record<Language, string>> = {
  typescript: String.raw`\.request\s*\(\s*['"\x60][A-Za-z]+['"\x60]`,
  javascript: String.raw`\.request\s*\(\s*['"\x60][A-Za-z]+['"\x60]`,
};
