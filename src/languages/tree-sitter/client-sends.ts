import type { ClientSends } from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import { KMS_API_VERSION, KMS_ENDPOINT } from './kms-names.js';

/** What one executed request is, as far as its file shows. */
export type RequestUse =
  | { kind: 'kms'; action: string }
  | { kind: 'other'; product: string }
  /** A KMS request whose action the code does not spell out. */
  | { kind: 'unresolved'; reason: string }
  | { kind: 'unknown' };

/** A request executed through a receiver: `client.getAcsResponse(req)`, `client.ProcessCommonRequest(r)`. */
export interface Execution {
  /** The receiver as written (`client`, `this.kms`, `self.acs`, `s.client`). */
  receiver: string;
  use: RequestUse;
}

function last(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * The requests a client bound to `boundTo` executes in its file (receivers compared by their last
 * segment: `self.kms` and `kms`, `s.client` and `c.client`), or undefined when none is executed
 * through it. `escaping` holds the names the file passes on, returns or copies.
 */
export function sendsOf(
  boundTo: string | undefined,
  executions: readonly Execution[],
  escaping: ReadonlySet<string>,
): ClientSends | undefined {
  if (!boundTo) return undefined;
  const name = last(boundTo);
  const mine = executions.filter((e) => last(e.receiver) === name);
  if (mine.length === 0) return undefined;
  const sends: ClientSends = { kmsActions: [], otherProducts: [], untyped: 0, escapes: escaping.has(name) };
  for (const { use } of mine) {
    if (use.kind === 'kms') sends.kmsActions.push(use.action);
    else if (use.kind === 'other') sends.otherProducts.push(use.product);
    else sends.untyped++;
  }
  return sends;
}

/** What the code sets on a generic request (Java/Python `CommonRequest`, Go `requests.CommonRequest`). */
export interface CommonRequestInfo {
  /** The action as a literal, or `null` when it is set from an expression the file does not resolve. */
  action?: string | null;
  product?: string;
  domain?: string;
  version?: string;
}

/** `sts.aliyuncs.com` → `sts`, `ecs-cn-hangzhou.aliyuncs.com` → `ecs`. */
function productOfHost(host: string): string {
  const first = host.replace(/^[a-z]+:\/\//i, '').split(/[.:/]/)[0] ?? host;
  return first.split('-')[0].toLowerCase() || host;
}

/**
 * Whether a generic request is a KMS request (product `Kms`, a KMS host, or version 2016-01-20), one
 * of another product, or unknown. A KMS request with no literal action is `unresolved`. A request the
 * code says nothing about but whose action is a KMS action counts as KMS, as the action name is all
 * the file shows.
 */
export function classifyCommonRequest(info: CommonRequestInfo): RequestUse {
  const product = info.product?.trim();
  if (product && product.toLowerCase() !== 'kms') return { kind: 'other', product: product.toLowerCase() };
  const domain = info.domain?.trim();
  const kmsHost = domain !== undefined && (KMS_ENDPOINT.test(domain) || /\bkms\b/i.test(domain));
  if (domain && !kmsHost) return { kind: 'other', product: productOfHost(domain) };
  const kms = Boolean(product) || kmsHost || info.version === KMS_API_VERSION;
  const described = kms || info.version !== undefined;
  if (info.action === null || info.action === undefined)
    return kms
      ? { kind: 'unresolved', reason: 'the action of this KMS request is not a literal' }
      : { kind: 'unknown' };
  const action = canonicalAction(info.action);
  if (action && (kms || !described)) return { kind: 'kms', action };
  if (kms)
    return {
      kind: 'unresolved',
      reason: `this KMS request's action \`${info.action}\` is not one kms-codemod knows`,
    };
  return { kind: 'unknown' };
}
