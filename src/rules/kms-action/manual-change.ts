import type { ApiCall, FileFacts } from '../../model/facts.js';
import { isInstanceAction } from '../../model/kms-actions.js';
import type { Language } from '../../model/language.js';

/**
 * What a call the transfer clients cannot take needs instead, per language. Read from the vendor's
 * transfer SDKs (and run against the mock with the real SDKs, test/conformance): each intercepts only
 * typed requests of the ten instance actions.
 * - Java `KmsTransferAcsClient.doAction` dispatches on the request's action name, which a CommonRequest
 *   also reaches, but its handler casts the request to the typed class: ClassCastException.
 * - Python `KmsTransferAcsClient._implementation_of_do_action` dispatches likewise, and the handler reads
 *   the typed request's getters (`get_Plaintext`): AttributeError on a CommonRequest.
 * - Go `KmsTransferClient` overrides only the typed methods (`Encrypt(*kms.EncryptRequest)`, ...);
 *   `ProcessCommonRequest` is the embedded client's and still goes to the shared gateway.
 */
const COMMON_REQUEST_FIX: Partial<Record<Language, (action: string) => string>> = {
  java: (a) =>
    `the transfer client's handler casts the request to ${a}Request, so a CommonRequest for ${a} fails with a ClassCastException once the client is migrated: use ${a}Request (com.aliyuncs.kms.model.v20160120) instead`,
  python: (a) =>
    `the transfer client's handler reads the typed request's getters, so a CommonRequest for ${a} fails with an AttributeError once the client is migrated: use ${a}Request (aliyunsdkkms.request.v20160120) instead`,
  go: (a) =>
    `the transfer client does not override ProcessCommonRequest, so a CommonRequest for ${a} keeps going to the shared gateway, which closes for moved keys: use kms.Create${a}Request() and client.${a}(request) instead`,
};

function where(file: FileFacts, call: ApiCall): string {
  return `${file.file}:${call.range.start.line}`;
}

/**
 * The manual change a call needs before the move, or undefined when migrate's rewrite (or nothing)
 * covers it: instance-served actions sent as a CommonRequest through a core-SDK client, through a
 * generic RPC helper, or as raw HTTP. Actions that stay on the shared gateway need nothing.
 */
export function manualChange(file: FileFacts, call: ApiCall): string | undefined {
  if (!isInstanceAction(call.action)) return undefined;
  const key = call.key ? ` (key ${call.key})` : '';
  if (call.form === 'common-request' && call.family === 'legacy-core') {
    const fix = COMMON_REQUEST_FIX[file.language];
    return fix
      ? `manual change: ${call.action}${key} is sent as a CommonRequest at ${where(file, call)}; ${fix(call.action)}`
      : undefined;
  }
  if (call.form === 'generic-rpc')
    return `manual change: ${call.action}${key} is sent through a generic RPC call to the shared gateway at ${where(file, call)}, which no transfer client takes: send it through a transfer client's typed ${call.action} or the KMS instance SDK`;
  if (call.form === 'raw-http')
    return `manual change: ${call.action}${key} is sent as a hand-built HTTP request to the shared gateway at ${where(file, call)}; there is no SDK client to migrate: send it through a transfer client's typed ${call.action} or the KMS instance SDK`;
  return undefined;
}
