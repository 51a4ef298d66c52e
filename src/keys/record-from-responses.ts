import type { JsonValue } from './json-lines.js';
import type { InventoryProblem, KeyRecord } from './types.js';

/**
 * Builds one KeyRecord from the raw OpenAPI JSON of DescribeKey, ListKeyVersions and
 * ListAliasesByKeyId (the shapes the `aliyun` CLI prints). Used for live reads and for exported
 * files alike, so both are judged on exactly the same fields. A missing field is a problem naming the
 * key and the field; the key is then skipped, never guessed.
 */
export interface KeyResponses {
  describeKey?: JsonValue;
  listKeyVersions?: JsonValue;
  listAliasesByKeyId?: JsonValue;
  region?: string;
}

export type Obj = { [k: string]: JsonValue };

export function isObj(v: JsonValue | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{"Keys":{"Key":[...]}}` → the inner array; undefined when the wrapper is missing or not a list. */
export function wrappedList(v: JsonValue | undefined, outer: string, inner: string): JsonValue[] | undefined {
  if (!isObj(v)) return undefined;
  const o = v[outer];
  if (!isObj(o)) return undefined;
  const list = o[inner];
  // The CLI prints an empty wrapper as `{}` or `{"Key":[]}` depending on the service version.
  if (list === undefined) return [];
  return Array.isArray(list) ? list : undefined;
}

function regionOfArn(arn: string | undefined): string | undefined {
  const parts = arn?.split(':');
  return parts && parts.length >= 5 && parts[0] === 'acs' && parts[2] ? parts[2] : undefined;
}

function str(o: Obj, name: string): string | undefined {
  const v = o[name];
  return typeof v === 'string' ? v : undefined;
}

export interface RecordResult {
  record?: KeyRecord;
  problems: InventoryProblem[];
}

/**
 * `label` names the key in problems when DescribeKey does not (an index or the id ListKeys gave);
 * `prefix` is the JSON path of the responses' holder (`''` for live reads).
 */
export function recordFromResponses(r: KeyResponses, label: string, prefix = ''): RecordResult {
  const problems: InventoryProblem[] = [];
  const p = (f: string) => (prefix ? `${prefix}.${f}` : f);
  const fail = (key: string, field: string, message: string): RecordResult => {
    problems.push({ key, field: p(field), message });
    return { problems };
  };

  if (r.describeKey === undefined) return fail(label, 'DescribeKey', 'the DescribeKey response is missing');
  if (!isObj(r.describeKey)) return fail(label, 'DescribeKey', 'DescribeKey must be a JSON object');
  const md = r.describeKey.KeyMetadata;
  if (!isObj(md)) return fail(label, 'DescribeKey.KeyMetadata', 'KeyMetadata is missing or not an object');
  const keyId = str(md, 'KeyId');
  if (!keyId) return fail(label, 'DescribeKey.KeyMetadata.KeyId', 'KeyId is missing or not a string');

  const need = (name: string): string | undefined => {
    const v = str(md, name);
    if (v === undefined) {
      problems.push({
        key: keyId,
        field: p(`DescribeKey.KeyMetadata.${name}`),
        message: `${name} is missing or not a string; the key cannot be judged without it`,
      });
    }
    return v;
  };
  const origin = need('Origin');
  const automaticRotation = need('AutomaticRotation');

  let versionCount: number | undefined;
  if (r.listKeyVersions === undefined) {
    problems.push({
      key: keyId,
      field: p('ListKeyVersions'),
      message: 'the ListKeyVersions response is missing',
    });
  } else {
    const list = wrappedList(r.listKeyVersions, 'KeyVersions', 'KeyVersion');
    const total = isObj(r.listKeyVersions) ? r.listKeyVersions.TotalCount : undefined;
    if (typeof total === 'number' && Number.isInteger(total) && total >= 0) versionCount = total;
    else if (typeof total === 'string' && /^\d+$/.test(total)) versionCount = Number(total);
    else if (list) versionCount = list.length;
    if (versionCount === undefined) {
      problems.push({
        key: keyId,
        field: p('ListKeyVersions.KeyVersions.KeyVersion'),
        message: 'neither TotalCount nor a KeyVersions.KeyVersion list is present',
      });
    } else if (versionCount === 0) {
      problems.push({
        key: keyId,
        field: p('ListKeyVersions.TotalCount'),
        message: 'a key has at least one version; this response lists none (was it taken for another key?)',
      });
    }
  }

  const aliases: string[] = [];
  if (r.listAliasesByKeyId === undefined) {
    problems.push({
      key: keyId,
      field: p('ListAliasesByKeyId'),
      message: 'the ListAliasesByKeyId response is missing; service keys are told by their alias',
    });
  } else {
    const list = wrappedList(r.listAliasesByKeyId, 'Aliases', 'Alias');
    if (!list) {
      problems.push({
        key: keyId,
        field: p('ListAliasesByKeyId.Aliases.Alias'),
        message: 'Aliases.Alias is missing or not a list',
      });
    } else {
      list.forEach((a, i) => {
        const name = isObj(a) ? str(a, 'AliasName') : undefined;
        if (name) aliases.push(name);
        else {
          problems.push({
            key: keyId,
            field: p(`ListAliasesByKeyId.Aliases.Alias[${i}].AliasName`),
            message: 'AliasName is missing or not a string',
          });
        }
      });
    }
  }

  if (
    problems.length > 0 ||
    origin === undefined ||
    automaticRotation === undefined ||
    versionCount === undefined
  ) {
    return { problems };
  }
  const arn = str(md, 'Arn');
  return {
    problems,
    record: {
      keyId,
      region: r.region ?? regionOfArn(arn),
      arn,
      keyState: str(md, 'KeyState'),
      keySpec: str(md, 'KeySpec'),
      keyUsage: str(md, 'KeyUsage'),
      origin,
      protectionLevel: str(md, 'ProtectionLevel'),
      automaticRotation,
      rotationInterval: str(md, 'RotationInterval'),
      creationDate: str(md, 'CreationDate'),
      description: str(md, 'Description'),
      dkmsInstanceId: str(md, 'DKMSInstanceId') || undefined,
      versionCount,
      aliases,
    },
  };
}
