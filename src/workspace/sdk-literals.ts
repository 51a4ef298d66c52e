import { GO_PREFILTER } from '../languages/go/prefilter.js';
import { NODE_SDKS } from '../languages/typescript/sdk-modules.js';
import type { Language, PrefilterTable } from '../model/index.js';

/**
 * Besides the literals: a pop-core client imported from another file of the app is called as
 * `kms.request('ReEncrypt', ...)` (in TS also `kms.request<T>('Decrypt', ...)`) in a file that names no SDK at all. A `.request(` whose first
 * argument is a string is rare elsewhere (HTTP clients take a URL or an options object first).
 */
export const SDK_PATTERNS: Partial<Record<Language, string>> = {
  typescript: String.raw`\.request\s*(?:<[^<>()]*>\s*)?\(\s*['"\x60][A-Za-z]+['"\x60]`,
  javascript: String.raw`\.request\s*(?:<[^<>()]*>\s*)?\(\s*['"\x60][A-Za-z]+['"\x60]`,
};

/** What a file talking to KMS without an SDK still names: the API version, or the gateway's domain. */
const GENERIC_KMS = ['2016-01-20', 'aliyuncs.com'];
/** Every AccessKey ID starts so: a settings file holding one is read for hard-coded credentials. */
const LTAI = 'LTAI';

const node: PrefilterTable = {
  // GENERIC_KMS: `fetch`, axios or `https.request` to the gateway name no SDK, only its host or API version
  direct: [...NODE_SDKS.map((s) => s.module), 'KmsTransferPopClient', ...GENERIC_KMS, LTAI],
  directPatterns: [{ literal: '.request', pattern: new RegExp(SDK_PATTERNS.typescript ?? '') }],
};

/**
 * The tables the literal prefilter is built from: a file that contains none of its language's
 * literals names no SDK we know and is never parsed (the Semgrep/GritQL "required text" idea). Go's
 * comes from its extractor's tables (src/languages/go/prefilter.ts); a language module that learns a
 * new SDK shape must add its package or class name here or there.
 */
export const PREFILTERS: Record<Language, PrefilterTable> = {
  // GENERIC_KMS: generic RPC helpers (`RpcPost("Kms", "2016-01-20", ...)`) and hand-built HTTP requests
  // to the gateway name no SDK, only KMS's API version or host.
  java: {
    direct: [
      'com.aliyuncs',
      'com.aliyun.kms',
      'com.aliyun.dkms',
      'DefaultAcsClient',
      'KmsTransferAcsClient',
      ...GENERIC_KMS,
      LTAI,
    ],
  },
  python: {
    direct: [
      // every aliyunsdk* product: a file that executes STS or ECS requests tells which client is not KMS's
      'aliyunsdk',
      'alibabacloud_kms20160120',
      'alibabacloud_dkms',
      'AcsClient',
      ...GENERIC_KMS,
      LTAI,
    ],
  },
  go: { ...GO_PREFILTER, direct: [...GO_PREFILTER.direct, ...GENERIC_KMS, LTAI] },
  typescript: node,
  javascript: node,
  php: { direct: ['AlibabaCloud', 'Aliyun\\Core', 'aliyun-php-sdk-kms'] },
  csharp: { direct: ['Aliyun.Acs', 'AlibabaCloud.SDK.Kms'] },
  other: { direct: [] },
};

/**
 * Every literal that can start a file's way to the parser (direct and core), per language: what
 * `grep -l` would need to look for to find the same files (bench/scan.bench.mjs).
 */
export const SDK_LITERALS = {} as Record<Language, readonly string[]>;
for (const l of Object.keys(PREFILTERS) as Language[])
  SDK_LITERALS[l] = [...PREFILTERS[l].direct, ...(PREFILTERS[l].core ?? [])];
