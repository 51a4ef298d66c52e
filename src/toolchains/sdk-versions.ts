import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_TRANSFER_PACKAGE } from '../model/node-transfer.js';

/**
 * The one table of SDK versions the toolchains install. Every version here was checked to resolve
 * from the registries this project reaches (pip index / Maven Central metadata / go list -m -versions /
 * npm) and to install together on Python 3.11, Java 17 and Go 1.2x. Change a version only here; the
 * stamp files are keyed by this table, so a change re-bootstraps the affected toolchain.
 */
export type SdkRole = 'legacy' | 'legacy-v2' | 'instance' | 'transfer' | 'vendor-kms' | 'support';

export interface PinnedPackage {
  /** PyPI distribution, Maven `group:artifact`, Go module path or npm package name. */
  name: string;
  version: string;
  role: SdkRole;
  /** Why the pin is what it is, when it is not simply "newest served". */
  note?: string;
}

export const PYTHON_PACKAGES: readonly PinnedPackage[] = [
  { name: 'aliyun-python-sdk-core', version: '2.16.1', role: 'legacy' },
  { name: 'aliyun-python-sdk-kms', version: '2.16.5', role: 'legacy' },
  { name: 'alibabacloud-dkms-gcs', version: '1.0.2', role: 'instance' },
  { name: 'alibabacloud-dkms-transfer-python', version: '0.1.3', role: 'transfer' },
  { name: 'alibabacloud-kms-python-sdk', version: '1.1.3', role: 'vendor-kms' },
  {
    name: 'alibabacloud_kms20160120',
    version: '2.4.0',
    role: 'legacy-v2',
    note: 'alibabacloud-kms-python-sdk requires >=2.0.2,<3; 2.4.0 is what pip resolves',
  },
  {
    name: 'pyopenssl',
    version: '23.2.0',
    role: 'support',
    note: 'alibabacloud-dkms-gcs needs pyopenssl<23.3.0 (crypto.load_pkcs12 was removed later)',
  },
  {
    name: 'cryptography',
    version: '41.0.7',
    role: 'support',
    note: 'newest cryptography pyopenssl 23.2.0 accepts (<42); has abi3 wheels for CPython 3.7+',
  },
  {
    name: 'protobuf',
    version: '3.19.6',
    role: 'support',
    note: 'alibabacloud-dkms-gcs needs protobuf>=3.12,<4',
  },
];

export const MAVEN_PACKAGES: readonly PinnedPackage[] = [
  { name: 'com.aliyun:aliyun-java-sdk-core', version: '4.7.6', role: 'legacy' },
  { name: 'com.aliyun:aliyun-java-sdk-kms', version: '2.16.6', role: 'legacy' },
  {
    name: 'com.aliyun:alibabacloud-dkms-gcs-sdk',
    version: '0.5.2',
    role: 'instance',
    note: '0.5.3 is not served by the Maven registry reachable here; 0.5.2 is what kms-transfer-client 0.2.2 depends on',
  },
  { name: 'com.aliyun.kms:kms-transfer-client', version: '0.2.2', role: 'transfer' },
  {
    name: 'com.aliyun:kms20160120',
    version: '1.2.3',
    role: 'legacy-v2',
    note: 'the only version the reachable Maven registry serves',
  },
];

/**
 * Packages we wanted but the registries reachable here do not serve (checked with the registry's
 * own metadata). Listed so that callers can say why a rewrite to them cannot be compiled here.
 */
export const UNAVAILABLE_PACKAGES: readonly (PinnedPackage & { ecosystem: 'maven' | 'go' })[] = [
  { ecosystem: 'maven', name: 'com.aliyun:alibabacloud-kms-java-sdk', version: '1.2.5', role: 'vendor-kms' },
  {
    ecosystem: 'go',
    name: 'github.com/aliyun/alibabacloud-kms-go-sdk',
    version: 'v1.2.4',
    role: 'vendor-kms',
  },
];

export const GO_MODULES: readonly PinnedPackage[] = [
  { name: 'github.com/aliyun/alibaba-cloud-sdk-go', version: 'v1.63.107', role: 'legacy' },
  { name: 'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk', version: 'v0.5.1', role: 'instance' },
  { name: 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk', version: 'v0.1.9', role: 'transfer' },
  { name: 'github.com/alibabacloud-go/kms-20160120/v3', version: 'v3.2.3', role: 'legacy-v2' },
  { name: 'github.com/alibabacloud-go/darabonba-openapi/v2', version: 'v2.0.9', role: 'legacy-v2' },
  {
    name: 'github.com/alibabacloud-go/tea',
    version: 'v1.2.1',
    role: 'support',
    note: 'the tea the gcs SDK is built against',
  },
];

/** Go packages (not modules) imported once at bootstrap so that their build output is cached. */
export const GO_WARM_IMPORTS: readonly string[] = [
  'github.com/aliyun/alibaba-cloud-sdk-go/services/kms',
  'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/sdk',
  'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi',
  'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk',
  'github.com/alibabacloud-go/kms-20160120/v3/client',
  'github.com/alibabacloud-go/darabonba-openapi/v2/client',
  'github.com/alibabacloud-go/tea/tea',
];

export const NPM_PACKAGES: readonly PinnedPackage[] = [
  { name: '@alicloud/pop-core', version: '1.8.0', role: 'legacy' },
  { name: '@alicloud/kms20160120', version: '1.2.0', role: 'legacy-v2' },
  { name: '@alicloud/openapi-client', version: '0.4.15', role: 'legacy-v2' },
];

/** Minimum runtime versions the pinned sets were checked against. */
export const MIN_RUNTIME = { python: [3, 8], java: 11, go: [1, 21] } as const;

/**
 * The version of our Node transfer client package (packages/transfer/package.json), for the apps
 * migrated to it. It is released with kms-codemod, so the toolkit's own version is the fallback.
 */
function transferVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const file of [join(dir, 'packages', 'transfer', 'package.json'), join(dir, 'package.json')]) {
      if (!existsSync(file)) continue;
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if ((pkg.name === NODE_TRANSFER_PACKAGE || pkg.name === 'kms-codemod') && pkg.version)
          return pkg.version;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

const byName = (list: readonly PinnedPackage[]) => Object.fromEntries(list.map((p) => [p.name, p.version]));

/**
 * The same pins keyed by registry, for manifest edits (migrate): maven `group:artifact`, pypi
 * distribution name, go module path, npm package name.
 */
export const SDK_VERSIONS: {
  maven: Record<string, string>;
  pypi: Record<string, string>;
  go: Record<string, string>;
  npm: Record<string, string>;
} = {
  maven: byName(MAVEN_PACKAGES),
  pypi: byName(PYTHON_PACKAGES),
  go: byName(GO_MODULES),
  npm: { ...byName(NPM_PACKAGES), [NODE_TRANSFER_PACKAGE]: transferVersion() },
};
