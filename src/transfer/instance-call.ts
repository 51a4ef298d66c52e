import type { DkmsMessage } from '../protocol/dkms-messages.js';

/** One dkms-gcs-0.2 operation as the legacy-action handlers ask for it. */
export interface InstanceCall {
  /** `x-kms-apiname`, e.g. `Encrypt`. */
  apiName: string;
  request: DkmsMessage;
  /** Extra signed `x-kms-*` headers (the transfer SDKs use `x-kms-migrationkeyversionid`). */
  headers?: Record<string, string>;
  /** Per-attempt timeout for this call (pop-core's per-request `opts.timeout`). */
  timeoutMs?: number;
}

export interface InstanceResult {
  response: DkmsMessage;
  /** The `x-kms-migrationkeyversionid` response header, when the instance sent one. */
  keyVersionId?: string;
  statusCode?: number;
  responseHeaders?: Record<string, string | string[] | undefined>;
}

export type CallInstance = (call: InstanceCall) => Promise<InstanceResult>;

export { MIGRATION_KEY_VERSION_HEADER } from '../protocol/dkms-signature.js';
