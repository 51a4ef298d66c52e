import type {
  MockHandle,
  MockLanguage,
  OldCiphertexts,
  StartMockOptions,
  TlsRefusals,
} from '../mock/types.js';
import type { CallEvidence } from './types.js';

/**
 * How the verifier reaches the embedded mock (src/mock/): its own types, loaded lazily so that
 * importing the verifier does not start loading the mock, and the readers below that turn its
 * admin answers into what the checks compare.
 */
export type { MockHandle, OldCiphertexts, TlsRefusals };
export type MockLang = MockLanguage;
export type StartMock = (opts: StartMockOptions) => Promise<MockHandle>;

export async function loadStartMock(): Promise<StartMock> {
  return (await import('../mock/index.js')).startMock;
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

/** One face's calls as `Encrypt×1, Decrypt×2`, or `none`. */
export function describeCalls(byAction: Record<string, number> | undefined): string {
  const parts = Object.entries(byAction ?? {})
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${a}×${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The mock's call counts over one stretch of the run, for a check's evidence. */
export function callEvidence(when: string, raw: unknown): CallEvidence {
  const c = normalizeCounts(raw);
  return { when, gateway: c.gateway.byAction ?? {}, instance: c.instance.byAction ?? {} };
}

/** Ciphertexts made before the latest move and decrypted since (a mock without the ledger reports none). */
export function oldCiphertextsOf(mock: MockHandle): OldCiphertexts {
  return mock.admin.oldCiphertexts?.() ?? { opened: 0, failed: 0 };
}

export function tlsRefusalsOf(mock: MockHandle): TlsRefusals {
  return mock.admin.tlsRefusals?.() ?? { count: 0 };
}
