/**
 * The key inventory as the judgement needs it, whatever it was read from (the OpenAPI or an
 * exported JSON file). Field names follow the OpenAPI's KeyMetadata (legacy-kms-openapi.md §2).
 */
export interface KeyRecord {
  keyId: string;
  region?: string;
  arn?: string;
  keyState?: string;
  keySpec?: string;
  keyUsage?: string;
  /** `Aliyun_KMS` or `EXTERNAL` (imported material, BYOK). */
  origin: string;
  protectionLevel?: string;
  /** `Enabled`, `Disabled` or `Suspended`. */
  automaticRotation: string;
  rotationInterval?: string;
  creationDate?: string;
  description?: string;
  /** Non-empty when the key already lives in a dedicated KMS instance. */
  dkmsInstanceId?: string;
  /** Number of key versions (ListKeyVersions TotalCount). */
  versionCount: number;
  /** Alias names (`alias/...`). */
  aliases: string[];
}

/** Resources the old console lists that cannot move at all (seed table: secrets, certificates). */
export interface OtherResource {
  kind: 'secret' | 'certificate';
  name: string;
  region?: string;
}

export interface Inventory {
  keys: KeyRecord[];
  others: OtherResource[];
  /** Keys or entries that could not be read; each names the key and the field. */
  problems: InventoryProblem[];
  /** Things the user should know that do not stop the judgement (e.g. secrets could not be listed). */
  notes: string[];
  /** Where it came from, for reports: a file path or the endpoint(s). */
  source: string;
}

export interface InventoryProblem {
  /** The key id (or `#<index>` when even the id is missing). */
  key: string;
  /** JSON path of the missing or bad field, e.g. `DescribeKey.KeyMetadata.Origin`. */
  field?: string;
  message: string;
  /** Line in the inventory file, when read from one. */
  line?: number;
}

export type Verdict = 'no-migration-needed' | 'can-move' | 'not-supported';

export type ReasonCode =
  | 'service-key'
  | 'in-instance'
  | 'external-material'
  | 'rotation-enabled'
  | 'multiple-versions'
  | 'default-instance-cmk'
  | 'secret'
  | 'certificate';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export interface KeyJudgement {
  key: KeyRecord;
  verdict: Verdict;
  reasons: Reason[];
  /** What the user can do to make it movable, when something can be done. */
  remedy?: string;
}

export interface OtherJudgement {
  resource: OtherResource;
  verdict: 'not-supported';
  reasons: Reason[];
}
