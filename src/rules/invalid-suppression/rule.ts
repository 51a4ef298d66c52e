import type { AppAnalysis, FileFacts, Finding, SuppressionDirective } from '../../model/index.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../types.js';

/** Why a suppression comment is reported. */
export type InvalidSuppression = 'no-rule' | 'unknown-rule' | 'unused';

const MESSAGE: Record<InvalidSuppression, (ruleId: string) => string> = {
  'no-rule': () =>
    'This suppression names no rule, so it silences nothing: write `kms-codemod-ignore-next-line <rule-id> -- reason` with the rule id of the finding you have judged.',
  'unknown-rule': (id) =>
    `This suppression names \`${id}\`, which is not a kms-codemod rule: check its spelling against the rule ids in the report.`,
  unused: (id) =>
    `This suppression of \`${id}\` silences nothing: no \`${id}\` finding starts on the line it covers any more. Remove it, or move it next to the finding.`,
};

/** The finding for one bad suppression comment (the scan's suppression pass reports the unused ones). */
export function invalidSuppression(
  app: AppAnalysis,
  file: FileFacts,
  directive: SuppressionDirective,
  why: InvalidSuppression,
  ruleId = '',
): Finding {
  return makeFinding(rule, app, file, directive.range, MESSAGE[why](ruleId), {
    data: why === 'no-rule' ? { problem: why } : { problem: why, rule: ruleId },
  });
}

export const rule: Rule = {
  meta: {
    id: 'invalid-suppression',
    defaultSeverity: 'warning',
    title: 'A kms-codemod-ignore comment that silences nothing',
    description:
      'An inline suppression must name the rules it silences, and stays only while a finding of those rules starts on the line it covers. One that names no rule, names an unknown rule, or no longer matches a finding would hide the next real finding there, or nothing at all.',
  },
  check(app) {
    return app.files.flatMap((file) =>
      (file.suppressions ?? [])
        .filter((d) => d.ruleIds.length === 0)
        .map((d) => invalidSuppression(app, file, d, 'no-rule')),
    );
  },
};
