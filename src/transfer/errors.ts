/**
 * Errors in @alicloud/pop-core's shape (name `<Code>Error`, code, data, url), with the code
 * translation the vendor transfer SDKs apply to instance errors, so catch blocks written for the
 * shared gateway keep working.
 */

export interface TransferErrorInit {
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  /** The request URL, as pop-core appends it to messages; absent for configuration errors. */
  url?: string;
}

/** The data object pop-core puts on errors is the gateway's JSON error body. */
export interface TransferErrorData {
  Code: string;
  Message: string;
  RequestId: string;
  HttpStatus?: number;
}

export class KmsTransferError extends Error {
  readonly code: string;
  readonly data: TransferErrorData;
  readonly url: string;
  constructor(init: TransferErrorInit) {
    super(init.url ? `${init.message}, URL: ${init.url}` : init.message);
    // pop-core sets these as own properties; JSON.stringify(err) then shows them.
    Object.defineProperty(this, 'name', { value: `${init.code}Error`, enumerable: true, writable: true });
    this.code = init.code;
    this.data = { Code: init.code, Message: init.message, RequestId: init.requestId ?? '' };
    if (init.httpStatus !== undefined) this.data.HttpStatus = init.httpStatus;
    this.url = init.url ?? '';
  }
}

/** Gateway wording for instance codes whose messages differ (vendor errorCodeMap). */
const GATEWAY_MESSAGES: Record<string, string> = {
  'Forbidden.KeyNotFound': 'The specified Key is not found.',
  'Forbidden.NoPermission': 'This operation is forbidden by permission system.',
  InternalFailure: 'Internal Failure',
  'Rejected.Throttling': 'QPS Limit Exceeded',
};

const INVALID_DATE = 'The Param Date is invalid.';
const INVALID_AUTHORIZATION = 'The Param Authorization is invalid.';

/** Instance (dkms-gcs) error code + message → the code + message a gateway caller expects. */
export function translateInstanceError(code: string, message: string): { code: string; message: string } {
  if (code === 'InvalidParam' && message === INVALID_DATE) {
    return {
      code: 'IllegalTimestamp',
      message:
        'The input parameter "Timestamp" that is mandatory for processing this request is not supplied.',
    };
  }
  if (code === 'InvalidParam' && message === INVALID_AUTHORIZATION) {
    return {
      code: 'IncompleteSignature',
      message: 'The request signature does not conform to Aliyun standards.',
    };
  }
  if (code === 'Unauthorized') {
    return {
      code: 'InvalidAccessKeyId.NotFound',
      message: 'The Access Key ID provided does not exist in our records.',
    };
  }
  return { code, message: GATEWAY_MESSAGES[code] ?? message };
}

/** Codes the vendor SDKs retry (Rejected.Throttling everywhere; Go also the two below). */
const RETRYABLE_CODES = new Set(['Rejected.Throttling', 'ServiceUnavailableTemporary', 'InternalFailure']);

export function isRetryableCode(code: string): boolean {
  return RETRYABLE_CODES.has(code);
}

/** Client-side failures (bad parameters, bad config) in the same shape. */
export function clientError(code: string, message: string, url?: string): KmsTransferError {
  return new KmsTransferError({ code, message, url });
}

export function missingParameter(name: string, url: string): KmsTransferError {
  return clientError('MissingParameter', `The parameter "${name}" is needed but not provided.`, url);
}

export function invalidParameter(name: string, url: string, why?: string): KmsTransferError {
  return clientError(
    'InvalidParameter',
    `The parameter "${name}" is not valid${why ? `: ${why}` : '.'}`,
    url,
  );
}

/** Removes every occurrence of the given secrets from a text (messages of lower-level errors can
 *  quote their input). Short values are skipped: masking "a" would mangle every message. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}
