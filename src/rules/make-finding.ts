import type { AppAnalysis, FileFacts, Finding, Range, Severity } from '../model/index.js';
import type { Rule } from './types.js';

/** A finding of `rule` in `file` at `range`, with the rule's default severity unless given. */
export function makeFinding(
  rule: Rule,
  app: AppAnalysis,
  file: FileFacts,
  range: Range,
  message: string,
  extra: { severity?: Severity; data?: Record<string, unknown> } = {},
): Finding {
  const f: Finding = {
    ruleId: rule.meta.id,
    severity: extra.severity ?? rule.meta.defaultSeverity,
    message,
    file: file.file,
    range,
    language: file.language,
    app: app.dir,
  };
  if (extra.data) f.data = extra.data;
  return f;
}
