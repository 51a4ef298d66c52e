import type { ApiCall } from '../../model/facts.js';
import { canonicalAction } from '../../model/kms-actions.js';
import type { LineIndex, Range } from '../../model/range.js';
import type { SyntaxNode } from './grammar.js';
import { KMS_INSTANCE_HOST } from './kms-names.js';

/** `"Action": "Encrypt"`, `"Action", "Encrypt"` (put/Set/add), `Action: 'Encrypt'`, `["Action"] = "Encrypt"`. */
const ACTION_PAIR = /(["'`]?)Action\1\s*(?:[:,=]|\]\s*=)\s*(["'`])([A-Za-z]+)\2/g;
/** `...aliyuncs.com/?Action=Decrypt&...` */
const ACTION_QUERY = /[?&]Action=([A-Za-z]+)/g;
/** A key is a literal: `${keyId}` (a template) and `{key_id}` (an f-string) are not. */
const KEY_PAIR = /(["'`]?)KeyId\1\s*(?:[:,=]|\]\s*=)\s*(["'`])([^"'`\s${}]+)\2/g;
const KEY_QUERY = /[?&]KeyId=([^&"'`\s${}]+)(?=[&"'`\s]|$)/g;
const GATEWAY_HOST = /kms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com/gi;
const HOST_PIECES = /kms(-vpc)?\./g;
/** Any Alibaba Cloud host, KMS's or another product's: an action goes with the host nearest to it. */
const ANY_HOST = /(?:[a-z0-9-]+\.)*aliyuncs\.com/gi;
/** Where a `kms.` piece would sit in an instance host: `.cryptoservice.` before it, `kms.aliyuncs.com` from it. */
const inInstanceHost = (text: string, kmsAt: number): boolean =>
  KMS_INSTANCE_HOST.test(
    text.slice(Math.max(0, kmsAt - '.cryptoservice.'.length), kmsAt + 'kms.aliyuncs.com'.length),
  );
/** How far from an action a KeyId literal still counts as the same request's. */
const KEY_WINDOW = 400;

/**
 * Whether an offset lies in one of the given string node kinds: code, not a comment, and not a string
 * that is a statement of its own (a Python docstring).
 */
export function inStringOf(root: SyntaxNode, kinds: ReadonlySet<string>): (at: number) => boolean {
  return (at) => {
    let n: SyntaxNode | null = root.descendantForIndex(at);
    for (let i = 0; n && i < 3 && !kinds.has(n.type); i++) n = n.parent;
    if (!n || !kinds.has(n.type)) return false;
    // the whole literal (a string around its content node), then what holds it
    for (let i = 0; n.parent && kinds.has(n.parent.type) && i < 3; i++) n = n.parent;
    return n.parent?.type !== 'expression_statement' || n.parent.namedChildCount > 1;
  };
}

/** Whether the Alibaba Cloud host written nearest to `at` is the KMS gateway's. */
function nearestHostIsKms(hosts: readonly { at: number; kms: boolean }[], at: number): boolean {
  let best: { at: number; kms: boolean } | undefined;
  for (const h of hosts) if (!best || Math.abs(h.at - at) < Math.abs(best.at - at)) best = h;
  return best?.kms ?? false;
}

function someMatch(re: RegExp, text: string, test: (at: number) => boolean): boolean {
  for (const m of text.matchAll(re)) if (test(m.index)) return true;
  return false;
}

/**
 * The shared gateway's host in a string: `kms.cn-hangzhou.aliyuncs.com`, or built from `"kms." + region +
 * ".aliyuncs.com"`; not an instance's `kst-....cryptoservice.kms.aliyuncs.com`.
 */
export function namesGatewayHost(text: string, inString: (at: number) => boolean): boolean {
  const gateway = (at: number) => inString(at) && !inInstanceHost(text, at);
  if (someMatch(GATEWAY_HOST, text, gateway)) return true;
  return someMatch(HOST_PIECES, text, gateway) && text.includes('aliyuncs.com');
}

/**
 * The literal KeyId nearest to the action at `at`, within the window, among the keys no other action
 * is nearer to: the key of one request is not lent to the next one written below it.
 */
function keyNear(
  text: string,
  at: number,
  inString: (at: number) => boolean,
  actions: readonly number[],
): string | undefined {
  const from = Math.max(0, at - KEY_WINDOW);
  const window = text.slice(from, at + KEY_WINDOW);
  let best: { key: string; distance: number } | undefined;
  for (const [re, group] of [
    [KEY_PAIR, 3],
    [KEY_QUERY, 1],
  ] as const) {
    for (const m of window.matchAll(re)) {
      const offset = from + m.index + m[0].indexOf(m[group]);
      if (!inString(offset)) continue;
      const distance = Math.abs(offset - at);
      if (actions.some((a) => Math.abs(offset - a) < distance)) continue;
      if (!best || distance < best.distance) best = { key: m[group], distance };
    }
  }
  return best?.key;
}

/**
 * KMS requests a file builds itself and sends over HTTP to the shared gateway: a string naming the
 * gateway host, and `Action` parameters with KMS action names (a map, a query string). No SDK client
 * is involved, so there is nothing to rewrite; the application pass asks for a manual change.
 * Calls already found another way (`existing`) are not repeated.
 */
export function rawHttpCalls(
  text: string,
  lines: LineIndex,
  existing: readonly { range: Range }[],
  inString: (at: number) => boolean,
): ApiCall[] {
  if (!/kms/i.test(text) || !text.includes('Action') || !namesGatewayHost(text, inString)) return [];
  const hosts = [...text.matchAll(ANY_HOST)]
    .filter((m) => inString(m.index))
    // `"https://kms." + region + ".aliyuncs.com"`: the host is built, its KMS part a few tokens back
    .map((m) => ({
      at: m.index,
      kms:
        !KMS_INSTANCE_HOST.test(m[0]) &&
        /(^|[^a-z0-9-])kms(-vpc)?\./i.test(text.slice(Math.max(0, m.index - 40), m.index + m[0].length)),
    }));
  // where each action's name is written: `'Encrypt'` of a pair, `Action=Encrypt` of a query
  const pairs = [...text.matchAll(ACTION_PAIR)].map((m) => ({
    start: m.index + m[0].length - m[3].length - 1,
    name: m[3],
  }));
  const queries = [...text.matchAll(ACTION_QUERY)].map((m) => ({
    start: m.index + 1,
    end: m.index + m[0].length,
    name: m[1],
  }));
  const actions = [...pairs, ...queries].map((a) => a.start).filter(inString);
  const out: ApiCall[] = [];
  const add = (start: number, end: number, name: string) => {
    const action = canonicalAction(name);
    if (!action || !inString(start) || !nearestHostIsKms(hosts, start)) return;
    if (existing.some((c) => c.range.startOffset < end && c.range.endOffset > start)) return;
    if (out.some((c) => c.range.startOffset === start)) return;
    const call: ApiCall = { action, form: 'raw-http', range: lines.range(start, end), family: 'legacy-core' };
    const key = keyNear(text, start, inString, actions);
    if (key !== undefined) call.key = key;
    out.push(call);
  };
  for (const a of pairs) add(a.start, a.start + a.name.length + 2, a.name);
  for (const a of queries) add(a.start, a.end, a.name);
  return out.sort((a, b) => a.range.startOffset - b.range.startOffset);
}
