import { rule as blockedKmsApi } from './blocked-kms-api/rule.js';
import { rule as halfMigrated } from './half-migrated/rule.js';
import { rule as hardcodedCredential } from './hardcoded-credential/rule.js';
import { rule as invalidSuppressionRule } from './invalid-suppression/rule.js';
import { rule as kmsAction } from './kms-action/rule.js';
import { rule as legacyKmsClient } from './legacy-kms-client/rule.js';
import type { Rule } from './types.js';
import { rule as unsupportedRuntime } from './unsupported-runtime/rule.js';

export { type InvalidSuppression, invalidSuppression } from './invalid-suppression/rule.js';
export type { Rule, RuleMeta } from './types.js';

/** Every rule, in report order. Adding a rule means adding a folder and a line here. */
export const RULES: readonly Rule[] = [
  legacyKmsClient,
  blockedKmsApi,
  hardcodedCredential,
  kmsAction,
  unsupportedRuntime,
  invalidSuppressionRule,
  halfMigrated,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
