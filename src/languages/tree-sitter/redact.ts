import type { ArgFact, FileFacts } from '../../model/facts.js';
import type { SyntaxNode } from './grammar.js';

export const REDACTED = '<credential>';

/** Spans (file offsets) each argument's text had redacted when it was built; see redactCredentials. */
const redactedSpans = new WeakMap<ArgFact, [number, number][]>();

/**
 * Client arguments are kept as written (the rewriter reads them), except the credential literals
 * inside them: facts are serialised into reports and worker messages, and a secret must never
 * leave the file it was written in. Rebuilds each argument's text from the source, redacting both
 * the unsafe literals found when it was built and every credential the extractor recognised.
 */
export function redactCredentials(facts: FileFacts, source: string): FileFacts {
  for (const client of facts.clients) {
    for (const arg of client.args) {
      const { startOffset: start, endOffset: end } = arg.range;
      const spans = [...(redactedSpans.get(arg) ?? [])];
      for (const c of facts.credentials) {
        if (c.range.startOffset >= start && c.range.endOffset <= end) {
          spans.push([c.range.startOffset, c.range.endOffset]);
          delete arg.literal;
        }
      }
      if (spans.length === 0) continue;
      spans.sort((x, y) => x[0] - y[0]);
      let text = '';
      let at = start;
      for (const [s, e] of spans) {
        if (s < at) continue; // nested or repeated span, already covered
        text += source.slice(at, s) + REDACTED;
        at = e;
      }
      arg.text = text + source.slice(at, end);
    }
  }
  return facts;
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const HOST_OR_URL = /^([a-z][a-z0-9+.-]*:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/[^\s]*)?$/i;
const PATH =
  /^(\.{0,2}\/|~\/|[A-Za-z]:\\)?[\w.-]+([/\\][\w.-]+)*\.(pem|crt|cer|json|key|p12|pfx|yaml|yml|properties|ini|conf)$/i;

/**
 * Literals we can keep in client arguments: regions, hosts/URLs, file paths, placeholders, short
 * words (`https`, `json`). Anything else may be a secret we did not recognise (a broken import,
 * an unusual helper), so it is redacted: a false redaction costs nothing, a leaked secret does.
 */
export function isSafeLiteral(value: string): boolean {
  const v = value.trim();
  return v.length < 8 || REGION.test(v) || HOST_OR_URL.test(v) || PATH.test(v) || /^\$\{[^}]*\}$/.test(v);
}

/** An argument fact whose text has every unsafe string literal inside it replaced by REDACTED. */
export function redactedArg(
  arg: SyntaxNode,
  range: ArgFact['range'],
  stringTypes: string[],
  decode: (n: SyntaxNode) => string | undefined,
): ArgFact {
  const literals = stringTypes.includes(arg.type) ? [arg] : arg.descendantsOfType(stringTypes);
  const spans: [number, number][] = [];
  for (const n of literals) {
    const v = decode(n);
    if (v === undefined || !isSafeLiteral(v)) spans.push([n.startIndex, n.endIndex]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let text = '';
  let at = arg.startIndex;
  const full = arg.text;
  for (const [s, e] of spans) {
    if (s < at) continue;
    text += full.slice(at - arg.startIndex, s - arg.startIndex) + REDACTED;
    at = e;
  }
  text += full.slice(at - arg.startIndex);
  const fact: ArgFact = { text, range };
  if (spans.length > 0) redactedSpans.set(fact, spans);
  const literal = stringTypes.includes(arg.type) ? decode(arg) : undefined;
  if (literal !== undefined && isSafeLiteral(literal)) fact.literal = literal;
  return fact;
}
