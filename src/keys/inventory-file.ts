import { readFile } from 'node:fs/promises';
import { JsonSyntaxError, type JsonValue, type ParsedJson, parseJsonWithLines } from './json-lines.js';
import {
  isObj,
  type KeyResponses,
  type Obj,
  recordFromResponses,
  wrappedList,
} from './record-from-responses.js';
import type { Inventory, InventoryProblem, KeyRecord, OtherResource } from './types.js';

/**
 * Reads an exported key inventory (`--from FILE`, `plan --keys FILE`). Three layouts are accepted;
 * src/keys/README.md documents them:
 *  1. per-key objects: `{"region"?, "keys":[{"Region"?, "DescribeKey":{...}, "ListKeyVersions":{...},
 *     "ListAliasesByKeyId":{...}}], "ListKeys"?, "ListSecrets"?, "certificates"?}` or just the array;
 *  2. the raw outputs of `aliyun kms ListKeys / DescribeKey / ListKeyVersions / ListAliasesByKeyId`
 *     appended one after another (a shell loop writing to one file);
 *  3. the JSON report of `kms-codemod keys --format json`.
 */
export class InventoryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryFileError';
  }
}

export async function readInventoryFile(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InventoryFileError(
      `${path}: cannot read the inventory file (${code ?? String(err)}); check the path`,
    );
  }
  return parseInventoryText(text, path);
}

export function parseInventoryText(text: string, source: string): Inventory {
  let parsed: ParsedJson;
  try {
    parsed = parseJsonWithLines(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new InventoryFileError(
        `${source}:${err.line}:${err.column}: not valid JSON (${err.reason}); export it again or fix that line`,
      );
    }
    throw err;
  }
  const { values, lines } = parsed;
  const first = values[0];
  if (values.length === 1 && isObj(first) && isObj(first.tool) && Array.isArray(first.keys)) {
    return fromKeysReport(first, source, lines);
  }
  if (values.length === 1 && (Array.isArray(first) || (isObj(first) && Array.isArray(first.keys)))) {
    return fromPerKeyLayout(first, source, lines);
  }
  if (values.length === 1 && isObj(first) && isObj(first.DescribeKey)) {
    return fromPerKeyLayout([first], source, lines);
  }
  return fromConcatenated(values, source, lines);
}

function lineOf(lines: WeakMap<object, number>, v: JsonValue | undefined): number | undefined {
  return typeof v === 'object' && v !== null ? lines.get(v) : undefined;
}

function listedKeyIds(listKeys: JsonValue | undefined): string[] {
  const list = wrappedList(listKeys, 'Keys', 'Key') ?? [];
  return list.flatMap((k) => (isObj(k) && typeof k.KeyId === 'string' ? [k.KeyId] : []));
}

function othersOf(root: Obj | undefined, region: string | undefined): OtherResource[] {
  const out: OtherResource[] = [];
  const secrets = wrappedList(root?.ListSecrets, 'SecretList', 'Secret') ?? [];
  for (const s of secrets) {
    if (isObj(s) && typeof s.SecretName === 'string')
      out.push({ kind: 'secret', name: s.SecretName, region });
  }
  const certs = root?.certificates;
  if (Array.isArray(certs)) {
    for (const c of certs) {
      const name =
        typeof c === 'string'
          ? c
          : isObj(c)
            ? [c.CertificateId, c.Id, c.name, c.Name].find((x): x is string => typeof x === 'string')
            : undefined;
      if (name) out.push({ kind: 'certificate', name, region });
    }
  }
  return out;
}

/** A key ListKeys names but the file never describes: the export was cut short. */
function missingListed(listed: string[], records: KeyRecord[], problems: InventoryProblem[], line?: number) {
  const seen = new Set([...records.map((r) => r.keyId), ...problems.map((p) => p.key)]);
  for (const id of listed) {
    if (!seen.has(id)) {
      problems.push({
        key: id,
        field: 'DescribeKey',
        message: 'ListKeys lists this key but the file holds no DescribeKey for it (partial export?)',
        line,
      });
    }
  }
}

function fromPerKeyLayout(root: JsonValue, source: string, lines: WeakMap<object, number>): Inventory {
  const top = isObj(root) ? root : undefined;
  const entries = (top ? top.keys : root) as JsonValue[];
  const defaultRegion = top && typeof top.region === 'string' ? top.region : undefined;
  const keys: KeyRecord[] = [];
  const problems: InventoryProblem[] = [];
  entries.forEach((entry, i) => {
    const at = top ? `keys[${i}]` : `[${i}]`;
    const line = lineOf(lines, entry);
    if (!isObj(entry)) {
      problems.push({
        key: `#${i}`,
        field: at,
        message: 'each entry must be an object holding the three responses',
        line,
      });
      return;
    }
    const responses: KeyResponses = {
      describeKey: entry.DescribeKey,
      listKeyVersions: entry.ListKeyVersions,
      listAliasesByKeyId: entry.ListAliasesByKeyId,
      region: typeof entry.Region === 'string' ? entry.Region : defaultRegion,
    };
    const { record, problems: ps } = recordFromResponses(responses, `#${i}`, at);
    for (const p of ps) {
      const holder = p.field?.split('.').slice(1) ?? [];
      // Name the line of the innermost object we can still reach along the field's path.
      let node: JsonValue | undefined = entry;
      let best = line;
      for (const part of holder) {
        if (!isObj(node)) break;
        node = node[part.replace(/\[\d+\]$/, '')];
        best = lineOf(lines, node) ?? best;
      }
      problems.push({ ...p, line: best });
    }
    if (record) keys.push(record);
  });
  missingListed(listedKeyIds(top?.ListKeys), keys, problems, lineOf(lines, top?.ListKeys));
  return { keys, others: othersOf(top, defaultRegion), problems, notes: [], source };
}

type RawKind = 'ListKeys' | 'DescribeKey' | 'ListKeyVersions' | 'ListAliasesByKeyId' | 'ListSecrets';

function kindOf(v: JsonValue): RawKind | undefined {
  if (!isObj(v)) return undefined;
  if (isObj(v.KeyMetadata)) return 'DescribeKey';
  if ('KeyVersions' in v) return 'ListKeyVersions';
  if ('Aliases' in v) return 'ListAliasesByKeyId';
  if ('Keys' in v) return 'ListKeys';
  if ('SecretList' in v) return 'ListSecrets';
  return undefined;
}

/** The key id a list response is about: its items carry it; an empty list names no key. */
function ownerOf(v: Obj, outer: string, inner: string): string | undefined {
  const list = wrappedList(v, outer, inner) ?? [];
  const first = list.find((x) => isObj(x) && typeof x.KeyId === 'string');
  return first && isObj(first) ? (first.KeyId as string) : undefined;
}

function fromConcatenated(values: JsonValue[], source: string, lines: WeakMap<object, number>): Inventory {
  const byKey = new Map<string, KeyResponses & { line?: number }>();
  const problems: InventoryProblem[] = [];
  const listed: string[] = [];
  const others: OtherResource[] = [];
  let current: string | undefined;

  values.forEach((v, i) => {
    const line = lineOf(lines, v);
    const kind = kindOf(v);
    if (!kind || !isObj(v)) {
      problems.push({
        key: `#${i}`,
        message:
          'not a ListKeys, DescribeKey, ListKeyVersions, ListAliasesByKeyId or ListSecrets response; see src/keys/README.md for the layouts',
        line,
      });
      return;
    }
    if (kind === 'ListKeys') {
      listed.push(...listedKeyIds(v));
      return;
    }
    if (kind === 'ListSecrets') {
      others.push(...othersOf({ ListSecrets: v }, undefined));
      return;
    }
    if (kind === 'DescribeKey') {
      const md = v.KeyMetadata as Obj;
      const id = typeof md.KeyId === 'string' ? md.KeyId : `#${i}`;
      current = id;
      byKey.set(id, { ...byKey.get(id), describeKey: v, line });
      return;
    }
    const [outer, inner, field] =
      kind === 'ListKeyVersions'
        ? (['KeyVersions', 'KeyVersion', 'listKeyVersions'] as const)
        : (['Aliases', 'Alias', 'listAliasesByKeyId'] as const);
    // An empty alias list names no key: it belongs to the DescribeKey printed just before it.
    const owner = ownerOf(v, outer, inner) ?? current;
    if (!owner) {
      problems.push({
        key: `#${i}`,
        field: kind,
        message: `this ${kind} response names no key and follows no DescribeKey; put DescribeKey first for each key`,
        line,
      });
      return;
    }
    byKey.set(owner, { ...byKey.get(owner), [field]: v });
  });

  const keys: KeyRecord[] = [];
  for (const [id, r] of byKey) {
    const { record, problems: ps } = recordFromResponses(r, id);
    for (const p of ps) problems.push({ ...p, line: r.line });
    if (record) keys.push(record);
  }
  missingListed(listed, keys, problems);
  return { keys, others, problems, notes: [], source };
}

/** The `keys --format json` report: records are taken as judged, after checking the fields we need. */
function fromKeysReport(root: Obj, source: string, lines: WeakMap<object, number>): Inventory {
  const keys: KeyRecord[] = [];
  const problems: InventoryProblem[] = [];
  (root.keys as JsonValue[]).forEach((entry, i) => {
    const k = isObj(entry) && isObj(entry.key) ? entry.key : undefined;
    const line = lineOf(lines, entry);
    const id = k && typeof k.keyId === 'string' ? k.keyId : `#${i}`;
    if (!k) {
      problems.push({ key: id, field: `keys[${i}].key`, message: 'missing the key record', line });
      return;
    }
    const bad = (['keyId', 'origin', 'automaticRotation'] as const).find((f) => typeof k[f] !== 'string');
    if (bad || typeof k.versionCount !== 'number' || !Array.isArray(k.aliases)) {
      problems.push({
        key: id,
        field: `keys[${i}].key.${bad ?? (typeof k.versionCount !== 'number' ? 'versionCount' : 'aliases')}`,
        message: 'field missing or of the wrong type',
        line,
      });
      return;
    }
    keys.push(k as unknown as KeyRecord);
  });
  const others: OtherResource[] = [];
  if (Array.isArray(root.others)) {
    for (const o of root.others) {
      const r = isObj(o) && isObj(o.resource) ? o.resource : undefined;
      if (r && (r.kind === 'secret' || r.kind === 'certificate') && typeof r.name === 'string') {
        others.push({
          kind: r.kind,
          name: r.name,
          region: typeof r.region === 'string' ? r.region : undefined,
        });
      }
    }
  }
  return { keys, others, problems, notes: [], source };
}
