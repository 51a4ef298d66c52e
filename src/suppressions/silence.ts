import type { Finding, SuppressionDirective } from '../model/index.js';

/** Which rule ids of which directives silenced something. */
export type DirectiveUse = Map<SuppressionDirective, Set<string>>;

/**
 * Marks each finding that a directive of its own file silences: one that covers the line the finding
 * starts on and names its rule. Returns which directive silenced which rule.
 */
export function silenceFindings(
  findings: readonly Finding[],
  directivesOf: (file: string) => readonly SuppressionDirective[] | undefined,
): DirectiveUse {
  const used: DirectiveUse = new Map();
  for (const f of findings) {
    if (f.suppressed) continue;
    const d = directivesOf(f.file)?.find(
      (x) => x.targetLine === f.range.start.line && x.ruleIds.includes(f.ruleId),
    );
    if (!d) continue;
    f.suppressed = { kind: 'inline', line: d.range.start.line, ...(d.reason ? { reason: d.reason } : {}) };
    const ids = used.get(d) ?? new Set<string>();
    ids.add(f.ruleId);
    used.set(d, ids);
  }
  return used;
}
