import type { FileFacts } from '../../model/facts.js';
import type { SyntaxNode } from './grammar.js';

export const REDACTED = '<credential>';

/**
 * Client arguments are kept as written (the rewriter reads them), except the credential literals
 * inside them: facts are serialised into reports and worker messages, and a secret must never
 * leave the file it was written in.
 */
export function redactCredentials(facts: FileFacts): FileFacts {
  if (facts.credentials.length === 0) return facts;
  for (const client of facts.clients) {
    for (const arg of client.args) {
      const inside = facts.credentials
        .filter(
          (c) => c.range.startOffset >= arg.range.startOffset && c.range.endOffset <= arg.range.endOffset,
        )
        .sort((a, b) => b.range.startOffset - a.range.startOffset);
      if (inside.length === 0) continue;
      let text = arg.text;
      for (const c of inside) {
        const from = c.range.startOffset - arg.range.startOffset;
        const to = c.range.endOffset - arg.range.startOffset;
        text = text.slice(0, from) + REDACTED + text.slice(to);
      }
      arg.text = text;
      delete arg.literal;
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

/** The argument's source with every unsafe string literal inside it replaced by REDACTED. */
export function redactedArgText(
  arg: SyntaxNode,
  stringTypes: string[],
  decode: (n: SyntaxNode) => string | undefined,
): string {
  const text = arg.text;
  const literals = stringTypes.includes(arg.type) ? [arg] : arg.descendantsOfType(stringTypes);
  const unsafe = literals
    .filter((n) => {
      const v = decode(n);
      return v === undefined || !isSafeLiteral(v);
    })
    .sort((a, b) => b.startIndex - a.startIndex);
  let out = text;
  for (const n of unsafe) {
    const from = n.startIndex - arg.startIndex;
    const to = n.endIndex - arg.startIndex;
    if (from < 0 || to > out.length) continue;
    out = out.slice(0, from) + REDACTED + out.slice(to);
  }
  return out;
}
