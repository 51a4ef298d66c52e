/**
 * What the instance serves after the move (dkms-protocol.md §3: the ten actions every transfer client
 * intercepts). Every other action keeps going to the shared gateway, which closes one month after the
 * key moves.
 */
export const INSTANCE_ACTIONS = [
  'Encrypt',
  'Decrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GetPublicKey',
  'AsymmetricEncrypt',
  'AsymmetricDecrypt',
  'AsymmetricSign',
  'AsymmetricVerify',
  'GetSecretValue',
] as const;

/** Calls that keep an application from moving (seed: "which applications can move"). */
export const BLOCKED_ACTIONS = ['ReEncrypt', 'ExportDataKey', 'GenerateAndExportDataKey'] as const;

/**
 * What a KMS instance's dedicated gateway serves: the OpenAPI 2016-01-20 RPC at the instance endpoint
 * (`<kst-id>.cryptoservice.kms.aliyuncs.com`), the vendor's route for the V2 SDKs and Node's only one.
 * Every crypto and secret API except ReEncrypt; management APIs stay on the shared gateway.
 */
export const DEDICATED_GATEWAY_ACTIONS = [
  ...INSTANCE_ACTIONS,
  'ExportDataKey',
  'GenerateAndExportDataKey',
] as const;

export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];
export type BlockedAction = (typeof BLOCKED_ACTIONS)[number];

const instanceSet = new Set<string>(INSTANCE_ACTIONS);
const blockedSet = new Set<string>(BLOCKED_ACTIONS);

export function isInstanceAction(action: string): boolean {
  return instanceSet.has(action);
}

const dedicatedSet = new Set<string>(DEDICATED_GATEWAY_ACTIONS);

export function isDedicatedGatewayAction(action: string): boolean {
  return dedicatedSet.has(action);
}

export function isBlockedAction(action: string): boolean {
  return blockedSet.has(action);
}

/** Every action of the KMS 2016-01-20 OpenAPI that code may name (for recognising action strings). */
export const KMS_ACTIONS: readonly string[] = [
  ...INSTANCE_ACTIONS,
  ...BLOCKED_ACTIONS,
  'CreateKey',
  'DescribeKey',
  'ListKeys',
  'ListKeyVersions',
  'DescribeKeyVersion',
  'CreateKeyVersion',
  'ListAliases',
  'ListAliasesByKeyId',
  'CreateAlias',
  'UpdateAlias',
  'DeleteAlias',
  'UpdateRotationPolicy',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'UpdateKeyDescription',
  'TagResource',
  'UntagResource',
  'ListResourceTags',
  'GetParametersForImport',
  'ImportKeyMaterial',
  'DeleteKeyMaterial',
  'CreateSecret',
  'PutSecretValue',
  'DescribeSecret',
  'ListSecrets',
  'DeleteSecret',
  'RotateSecret',
  'GetRandomPassword',
  'DescribeRegions',
  'DescribeService',
  'GetDefaultKmsInstance',
  'OpenKmsService',
];

const byLower = new Map(KMS_ACTIONS.map((a) => [a.toLowerCase(), a]));

/** `reEncrypt`, `re_encrypt`, `ReEncrypt`, `ReEncryptWithOptions` → `ReEncrypt`; undefined if not a KMS action. */
export function canonicalAction(name: string): string | undefined {
  const base = name
    .replace(/_?with_?options(_?async)?$/i, '')
    .replace(/_?async$/i, '')
    .replace(/(WithChan|WithCallback)$/, '')
    .replace(/Request$/, '')
    .replace(/_/g, '')
    .toLowerCase();
  return byLower.get(base);
}
