import type { JsonValue } from './json-lines.js';
import { CredentialsRejectedError, KmsApiError, type KmsReadClient } from './openapi-client.js';
import {
  isObj,
  type Obj,
  type RecordResult,
  recordFromResponses,
  wrappedList,
} from './record-from-responses.js';
import type { Inventory, InventoryProblem, KeyRecord, OtherResource } from './types.js';

/** The service's largest ListKeys page. */
const PAGE_SIZE = 100;

/** Pages through a list action until TotalCount items were seen (or a page comes back short). */
export async function listAll(
  client: KmsReadClient,
  action: string,
  outer: string,
  inner: string,
  params: Record<string, string> = {},
): Promise<JsonValue[]> {
  const items: JsonValue[] = [];
  for (let page = 1; ; page++) {
    const res = await client.call(action, {
      ...params,
      PageNumber: String(page),
      PageSize: String(PAGE_SIZE),
    });
    const list = wrappedList(res, outer, inner);
    if (!list)
      throw new KmsApiError(`${action}: response has no ${outer}.${inner} list`, action, 'BadResponse', 200);
    items.push(...list);
    const total = Number(res.TotalCount);
    if (list.length < PAGE_SIZE || (Number.isFinite(total) && items.length >= total)) return items;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight: enough to be quick, few enough not to be throttled. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface FetchOptions {
  concurrency?: number;
  /** Also list secrets (ListSecrets) so the report can name them as not supported. */
  secrets?: boolean;
}

/** Reads one region's inventory: ListKeys, then DescribeKey, ListKeyVersions and ListAliasesByKeyId per key. */
export async function fetchInventory(client: KmsReadClient, opts: FetchOptions = {}): Promise<Inventory> {
  const listed = await listAll(client, 'ListKeys', 'Keys', 'Key');
  const ids = listed.flatMap((k) => (isObj(k) && typeof k.KeyId === 'string' ? [k.KeyId] : []));
  const problems: InventoryProblem[] = [];
  const keys: KeyRecord[] = [];
  const results = await mapLimit(ids, opts.concurrency ?? 4, async (keyId): Promise<RecordResult> => {
    try {
      const describeKey = await client.call('DescribeKey', { KeyId: keyId });
      // One version per page is enough: only TotalCount matters.
      const listKeyVersions = await client.call('ListKeyVersions', {
        KeyId: keyId,
        PageNumber: '1',
        PageSize: '1',
      });
      const aliases = await listAll(client, 'ListAliasesByKeyId', 'Aliases', 'Alias', { KeyId: keyId });
      const listAliasesByKeyId: Obj = { Aliases: { Alias: aliases }, TotalCount: aliases.length };
      return recordFromResponses(
        { describeKey, listKeyVersions, listAliasesByKeyId, region: client.region },
        keyId,
      );
    } catch (err) {
      if (err instanceof CredentialsRejectedError || !(err instanceof KmsApiError)) throw err;
      // A key deleted while we listed, or a call that kept failing: report it, read the rest.
      return { problems: [{ key: keyId, message: err.message }] };
    }
  });
  for (const r of results) {
    problems.push(...r.problems);
    if (r.record) keys.push(r.record);
  }
  const others: OtherResource[] = [];
  const notes: string[] = [];
  if (opts.secrets !== false) {
    try {
      const secrets = await listAll(client, 'ListSecrets', 'SecretList', 'Secret');
      for (const s of secrets) {
        if (isObj(s) && typeof s.SecretName === 'string')
          others.push({ kind: 'secret', name: s.SecretName, region: client.region });
      }
    } catch (err) {
      if (err instanceof CredentialsRejectedError || !(err instanceof KmsApiError)) throw err;
      notes.push(
        `secrets were not listed (${err.code}); secrets of the old console cannot be migrated either way`,
      );
    }
  }
  return { keys, others, problems, notes, source: client.endpoint };
}

export function mergeInventories(parts: Inventory[]): Inventory {
  return {
    keys: parts.flatMap((p) => p.keys),
    others: parts.flatMap((p) => p.others),
    problems: parts.flatMap((p) => p.problems),
    notes: parts.flatMap((p) => p.notes),
    source: parts.map((p) => p.source).join(', '),
  };
}
