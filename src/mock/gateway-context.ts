import { KmsError, keyNotFound } from './errors.js';
import type { Keystore, StoredKey } from './keystore.js';

export type GatewayResult = Record<string, unknown>;
export type GatewayAction = (
  p: Record<string, string>,
  ctx: GatewayContext,
) => Promise<GatewayResult> | GatewayResult;

export interface GatewayContext {
  ks: Keystore;
  /**
   * Set when the OpenAPI request reached the KMS instance's dedicated gateway
   * (`<kst-id>.cryptoservice.kms.aliyuncs.com`): only keys in the instance are served there, and the
   * shared gateway's closing does not apply.
   */
  dedicated?: boolean;
}

/** The code a closed gateway answers for a moved key (exported so verifiers can match it). */
export const GATEWAY_CLOSED_CODE = 'Forbidden.NoPermission';

/** Crypto on a key whose gateway entry was closed after the move is refused, saying why. */
export function checkGatewayOpen(key: StoredKey): void {
  if (key.gatewayClosed) {
    throw new KmsError(
      GATEWAY_CLOSED_CODE,
      `The key ${key.keyId} was migrated to KMS instance ${key.instanceId ?? '(unknown)'} and its shared-gateway entry is closed; call it through the KMS instance (transfer client) instead.`,
      403,
    );
  }
}

/** Whether this face may use the key: the shared gateway until it closes, the dedicated one once moved. */
export function checkKeyReachable(ctx: GatewayContext, key: StoredKey): void {
  if (!ctx.dedicated) checkGatewayOpen(key);
  // A default-instance key does not exist as far as the instance's own gateway is concerned.
  else if (!key.instanceId) throw keyNotFound(key.keyId);
}

export function required(p: Record<string, string>, name: string): string {
  const v = p[name];
  if (v === undefined || v === '') {
    throw new KmsError('MissingParameter', `The parameter "${name}" is needed but not provided.`, 400);
  }
  return v;
}

export function base64Param(p: Record<string, string>, name: string): Buffer {
  const v = required(p, name);
  if (!/^[A-Za-z0-9+/=\r\n_-]*$/.test(v)) {
    throw new KmsError('InvalidParameter', `The specified parameter "${name}" is not valid base64.`, 400);
  }
  return Buffer.from(v, 'base64');
}

export function boolParam(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return v === 'true' || v === 'True' || v === '1';
}

export function paging(p: Record<string, string>): { pageNumber: number; pageSize: number } {
  const pageNumber = p.PageNumber ? Number(p.PageNumber) : 1;
  const pageSize = p.PageSize ? Number(p.PageSize) : 10;
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    throw new KmsError('InvalidParameter', 'The specified parameter "PageNumber" is not valid.', 400);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new KmsError('InvalidParameter', 'The specified parameter "PageSize" is not valid (1..100).', 400);
  }
  return { pageNumber, pageSize };
}

export function page<T>(items: T[], p: Record<string, string>) {
  const { pageNumber, pageSize } = paging(p);
  return {
    items: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: items.length,
  };
}
