/**
 * What the instance serves after the move (dkms-protocol.md §3: the ten actions every transfer client
 * intercepts). Every other action keeps going to the shared gateway: management and read calls stay
 * served there; cryptographic calls on a moved key stop one month after the move.
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

/**
 * A method-suffix form wraps the action it names: `WithOptions`, `WithContext`, `WithChan`,
 * `WithCallback` and any future `With<Word>` (Go, Java, TS), `_with_options` and the like (Python),
 * `Async` / `_async`. `With` must be followed by a capital (or `_with_` by a word) so that
 * `GenerateDataKeyWithoutPlaintext` keeps its own name.
 */
const METHOD_SUFFIX = /(?:With[A-Z][A-Za-z0-9]*|_with_[a-z0-9_]+|Async|_async)$/;

/**
 * The action a method, request class or action string names: `reEncrypt`, `re_encrypt`, `ReEncrypt`,
 * `ReEncryptRequest`, `ReEncryptWithOptions`, `ReEncryptWithContext`, `re_encrypt_with_options_async`
 * → `ReEncrypt`; undefined if it names no KMS action. The one normalisation every extractor, the
 * blocked rule and the action inventory go through.
 */
export function canonicalAction(name: string): string | undefined {
  let base = name.replace(/Request$/, '');
  for (;;) {
    const hit = byLower.get(base.replace(/_/g, '').toLowerCase());
    if (hit) return hit;
    const stripped = base.replace(METHOD_SUFFIX, '');
    if (stripped === base || stripped === '') return undefined;
    base = stripped;
  }
}
