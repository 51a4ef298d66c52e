import { commentSpans, type Language, LineIndex, type SuppressionDirective } from '../model/index.js';

/** What every suppression comment starts with; a file without it has none (a cheap first check). */
export const SUPPRESSION_MARKER = 'kms-codemod-ignore-';

const DIRECTIVE = /^\s*kms-codemod-ignore-(next-line|line)(?=\s|$)(.*)$/s;

/** The comment's text without its opener (`//`, `#`, `/*`) and closer. */
function commentBody(comment: string): string {
  if (comment.startsWith('/*')) return comment.slice(2, comment.endsWith('*/') ? -2 : undefined);
  return comment.startsWith('//') ? comment.slice(2) : comment.slice(1);
}

/** Splits `rule-a, rule-b -- why` into its rule ids and its reason. */
function parseBody(rest: string): { ruleIds: string[]; reason?: string } {
  const dashes = rest.search(/(^|\s)--(\s|$)/);
  const rules = dashes < 0 ? rest : rest.slice(0, dashes);
  const reason =
    dashes < 0
      ? ''
      : rest
          .slice(dashes)
          .replace(/^\s*--/, '')
          .trim();
  const ruleIds = rules.split(/[\s,]+/).filter(Boolean);
  return reason ? { ruleIds, reason } : { ruleIds };
}

/**
 * The suppression comments of a file, in the language's comment syntax (`//` and `/* *\/`, or `#`):
 * `kms-codemod-ignore-next-line <rule-id>[, ...] -- reason` silences those rules' findings that start
 * on the next line, `kms-codemod-ignore-line ...` those on its own line. A comment must start with the
 * directive; the same words inside a string or later in a comment do nothing.
 */
export function parseSuppressions(text: string, language: Language): SuppressionDirective[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const out: SuppressionDirective[] = [];
  let lines: LineIndex | undefined;
  for (const span of commentSpans(text, language)) {
    const comment = text.slice(span.start, span.end);
    if (!comment.includes(SUPPRESSION_MARKER)) continue;
    const m = DIRECTIVE.exec(commentBody(comment));
    if (!m) continue;
    lines ??= new LineIndex(text);
    const range = lines.range(span.start, span.end);
    const kind = m[1] === 'next-line' ? 'next-line' : 'line';
    out.push({
      kind,
      ...parseBody(m[2]),
      targetLine: kind === 'line' ? range.start.line : range.end.line + 1,
      range,
    });
  }
  return out;
}
