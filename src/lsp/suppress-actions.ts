import { type CodeAction, CodeActionKind, type Range as LspRange } from 'vscode-languageserver';
import type { Finding } from '../model/index.js';
import { suppressionEdit } from '../suppressions/index.js';
import { toDiagnostic } from './diagnostics.js';
import type { DocumentAnalysis } from './document-analysis.js';
import { lspRange, overlaps } from './positions.js';
import { bufferEdit } from './workspace-edit.js';

export const IGNORE_TITLE = 'Ignore this finding on this line';

/** The rule that reports bad suppression comments: silencing it would hide a comment's own mistake. */
const COMMENT_RULE = 'invalid-suppression';

/**
 * "Ignore this finding on this line" for each finding in `range`: the scan's own inline suppression
 * comment (`suppressionEdit`, in the file's comment syntax, indented like the line, or the rule id added
 * to a comment already there), which scan, migrate and this server all honour. The edit is one small
 * splice on the buffer, so it is computed here rather than on resolve.
 */
export function ignoreActions(a: DocumentAnalysis, range: LspRange, documentChanges: boolean): CodeAction[] {
  if (!a.language) return [];
  const actions: CodeAction[] = [];
  const done = new Set<string>();
  const shown = a.findings.filter((f: Finding) => !f.suppressed && f.ruleId !== COMMENT_RULE);
  for (const f of shown.filter((x) => overlaps(lspRange(x.range), range))) {
    const key = `${f.range.start.line}\0${f.ruleId}`;
    if (done.has(key)) continue;
    done.add(key);
    const edit = suppressionEdit(a.text, a.language, f.range.start.line, f.ruleId);
    if (!edit) continue;
    actions.push({
      title: `${IGNORE_TITLE} (${f.ruleId})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(f, a.app, a.root)],
      edit: bufferEdit(a, [edit], documentChanges),
    });
  }
  return actions;
}
