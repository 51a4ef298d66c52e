import { type Language, LineIndex, lineCommentOpener, type TextEdit } from '../model/index.js';
import { parseSuppressions } from './directives.js';

export interface SuppressionEditOptions {
  /** Written after ` -- `: why the finding is accepted. */
  reason?: string;
}

/** The text of line `line` (1-based) and where it starts and ends (before its line break). */
function lineAt(text: string, lines: LineIndex, line: number): { start: number; end: number; text: string } {
  const start = lines.lineStart(line);
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start, end, text: text.slice(start, end) };
}

/**
 * The edit that silences `ruleId`'s findings on `line` (1-based) of `text`: a
 * `kms-codemod-ignore-next-line` comment above it, indented like it, in the language's comment
 * syntax and line endings; or, when such a comment is already there, the rule id added to it. For an
 * editor's "Ignore this finding on this line" quick fix. Undefined when the language has no line
 * comments, the line does not exist, or the rule is already silenced there.
 */
export function suppressionEdit(
  text: string,
  language: Language,
  line: number,
  ruleId: string,
  options: SuppressionEditOptions = {},
): TextEdit | undefined {
  const opener = lineCommentOpener(language);
  const lines = new LineIndex(text);
  if (!opener || line < 1 || (line > 1 && lines.lineStart(line) === 0)) return undefined;
  const here = parseSuppressions(text, language).filter((d) => d.targetLine === line);
  if (here.some((d) => d.ruleIds.includes(ruleId))) return undefined;
  const existing = here.find((d) => d.kind === 'next-line' && d.ruleIds.length > 0);
  if (existing) {
    // After the last rule id of the comment, before its reason.
    const comment = text.slice(existing.range.startOffset, existing.range.endOffset);
    const dashes = comment.search(/\s--(\s|$)/);
    const last = existing.ruleIds[existing.ruleIds.length - 1];
    const at =
      existing.range.startOffset + comment.lastIndexOf(last, dashes < 0 ? undefined : dashes) + last.length;
    return { start: at, end: at, text: `, ${ruleId}` };
  }
  const target = lineAt(text, lines, line);
  const indent = /^[ \t]*/.exec(target.text)?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const reason = options.reason ? ` -- ${options.reason.replace(/[\r\n]+/g, ' ')}` : '';
  return {
    start: target.start,
    end: target.start,
    text: `${indent}${opener} kms-codemod-ignore-next-line ${ruleId}${reason}${eol}`,
  };
}
