/**
 * The part of the embedded mock (src/mock/index.ts) the verifier drives. Kept as an interface here
 * so verify reads counts and key ids in whatever shape the mock returns them (see normalize*).
 */
export type MockLang = 'java' | 'python' | 'go' | 'node';

export interface MockAdmin {
  createKey(spec: {
    keySpec?: string;
    keyUsage?: string;
    spec?: string;
    usage?: string;
    [k: string]: unknown;
  }): unknown;
  createSecret(name: string, value: string): unknown;
  moveKeys(ids: string[]): unknown;
  closeGateway(ids: string[]): unknown;
  callCounts(): unknown;
  resetCounts(): unknown;
}

export interface MockHandle {
  region: string;
  instanceEndpoint: string;
  proxyUrl: string;
  caFile: string;
  env(lang: MockLang): Record<string, string>;
  admin: MockAdmin;
  close(): unknown;
}

export interface MockStartOptions {
  instance: 'software' | 'hsm';
  port?: number;
  dir?: string;
  stateDir?: string;
  quiet?: boolean;
  /** Create the mock's ready-made sample keys and secret (verify --run uses them). */
  seed?: boolean;
  /** A CA of its own under `dir` instead of the shared one: the TLS check's foreign instance. */
  isolatedPki?: boolean;
}

export type StartMock = (opts: MockStartOptions) => Promise<MockHandle>;

export async function loadStartMock(): Promise<StartMock> {
  const mod = await import('../mock/index.js');
  return mod.startMock as unknown as StartMock;
}

export interface CreatedKey {
  keyId: string;
  keyVersionId?: string;
}

/** Accepts a key id string or an object with KeyId/keyId (and a version id, when the mock gives one). */
export function normalizeCreatedKey(created: unknown): CreatedKey | undefined {
  if (typeof created === 'string') return { keyId: created };
  if (!created || typeof created !== 'object') return undefined;
  const o = created as Record<string, unknown>;
  const meta = (o.KeyMetadata ?? o.keyMetadata ?? o) as Record<string, unknown>;
  const keyId = meta.keyId ?? meta.KeyId ?? meta.id;
  const version =
    meta.keyVersionId ??
    meta.KeyVersionId ??
    meta.primaryVersionId ??
    meta.primaryKeyVersion ??
    meta.PrimaryKeyVersion ??
    meta.versionId;
  if (typeof keyId !== 'string') return undefined;
  return { keyId, keyVersionId: typeof version === 'string' ? version : undefined };
}

export interface FaceCounts {
  total: number;
  /** Per action, when the mock reports it. */
  byAction?: Record<string, number>;
}

/** Reads one face of callCounts(): a number, `{total, byAction}`, or a plain action → count map. */
export function normalizeFace(raw: unknown): FaceCounts {
  if (typeof raw === 'number') return { total: raw };
  if (!raw || typeof raw !== 'object') return { total: 0 };
  const o = raw as Record<string, unknown>;
  const by = (o.byAction ?? o.actions ?? o.perAction) as Record<string, unknown> | undefined;
  if (by && typeof by === 'object') {
    const byAction = numericEntries(by);
    const total = typeof o.total === 'number' ? o.total : sum(byAction);
    return { total, byAction };
  }
  const byAction = numericEntries(o);
  delete byAction.total;
  return { total: typeof o.total === 'number' ? o.total : sum(byAction), byAction };
}

export function normalizeCounts(raw: unknown): { gateway: FaceCounts; instance: FaceCounts } {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { gateway: normalizeFace(o.gateway), instance: normalizeFace(o.instance) };
}

function numericEntries(o: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'number') out[k] = v;
  return out;
}

function sum(o: Record<string, number>): number {
  return Object.values(o).reduce((a, b) => a + b, 0);
}
