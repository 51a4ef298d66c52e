import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { ClientSite, SdkFamily } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { INSTANCE_ENV } from '../model/instance-env.js';
import type { Language } from '../model/language.js';

/**
 * What a library does instead of reading the instance settings itself, per language and client
 * family: the instance config comes in from the caller through the constructor or factory that
 * builds the client. Written as the code to write, since the parameter's name and place are the
 * library author's API decision (which is why migrate does not make it).
 */
const SUGGESTION: Partial<Record<`${Language}:${SdkFamily}`, string>> = {
  'java:legacy-core':
    'add a `com.aliyun.dkms.gcs.openapi.models.Config kmsConfig` parameter (or a field of the options object the library already takes) to the constructor or factory that builds this client, and build `new com.aliyun.kms.KmsTransferAcsClient(profile, kmsConfig)` (artifacts com.aliyun.kms:kms-transfer-client and com.aliyun:alibabacloud-dkms-gcs-sdk)',
  'java:tea-kms':
    'add a `com.aliyun.dkms.gcs.openapi.models.Config kmsConfig` parameter to the constructor or factory that builds this client, and build `new com.aliyun.kms.kms20160120.TransferClient(config, kmsConfig)` (artifact com.aliyun:alibabacloud-kms-java-sdk)',
  'python:legacy-core':
    'add a `kms_config` keyword argument (an `openapi.models.Config` of alibabacloud-dkms-gcs) to the function or constructor that builds this client, and build `KmsTransferAcsClient(kms_config, <the same arguments>, verify=<CA file path>)` from `alibabacloud_dkms_transfer.kms_transfer_acs_client` (packages alibabacloud-dkms-transfer-python and alibabacloud-dkms-gcs)',
  'python:tea-kms':
    'add a `kms_config` keyword argument (a `KmsConfig` of alibabacloud_kms_kms20160120) to the function or constructor that builds this client, and build `TransferClient(config, kms_config)` (package alibabacloud-kms-python-sdk)',
  'go:legacy-core':
    'add a `kmsConfig *openapi.Config` parameter (package github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi) to the constructor that builds this client, and call the `dkmstransfer.NewClientWith...` twin of this constructor (github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk) with `kmsConfig` as its last argument',
  'go:tea-kms':
    'add a `kmsConfig *openapi.Config` parameter (package github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi) to the constructor that builds this client, and build the client of github.com/aliyun/alibabacloud-kms-go-sdk with it',
  'typescript:pop-core':
    "add an `instance: { endpoint, clientKeyFile, password, caFile }` option to the function or class that builds this client, and build `new KmsTransferPopClient(opts, instance)` from 'kms-codemod/transfer'",
  'typescript:tea-kms':
    "add an `instanceEndpoint` option to the function or class that builds this client and set the config's `endpoint` from it (the CA goes in at start-up with NODE_EXTRA_CA_CERTS)",
};

/** Why a library's client is left as it was, and the change that replaces the rewrite. */
export function libraryNote(
  file: string,
  text: string,
  language: Language,
  client: ClientSite,
  evidence: string | undefined,
): Finding {
  const lang = language === 'javascript' ? 'typescript' : language;
  const suggestion =
    SUGGESTION[`${lang}:${client.family}` as keyof typeof SUGGESTION] ??
    'take the instance endpoint, client key file, password and CA from the caller through the constructor or options that build this client';
  const vars = Object.values(INSTANCE_ENV).join(', ');
  return noteAt(
    MIGRATE_RULES.libraryInstanceConfig,
    'error',
    `${client.constructorName} is built in a library (${evidence ?? 'scan judged it one'}), which should not read ${vars} itself: its callers decide where the instance is. Left unchanged; ${suggestion}. To rewrite it like an application (reading the environment), pass --allow-library-env`,
    file,
    language,
    text,
    client.range.startOffset,
    client.range.endOffset,
    { suggestion },
  );
}
