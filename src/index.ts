// The package's library API: the same functions the CLI, the LSP server and the PR bot call.

export {
  type Baseline,
  BaselineError,
  type BaselineFile,
  baselineFile,
  compareWithBaseline,
  parseBaseline,
  readBaseline,
} from './baseline/index.js';
export { type CacheOptions, type CacheStrategy, defaultStrategy } from './cache/fact-cache.js';
export { type KmsCodemodConfig, loadConfig, type RuleSetting, validateConfig } from './config/config.js';
export { buildPlan, judgeInventory, judgeKey, loadInventory, renderKeys } from './keys/index.js';
export {
  type FileChange,
  MIGRATE_RULES,
  type MigrateOptions,
  type MigrateResult,
  type MigrationPlan,
  migrate,
  migrateText,
  type PlanOptions,
  planMigration,
  unifiedDiff,
} from './migrate/index.js';
export { attachFixes, type FixOptions } from './migrate/scan-fixes.js';
export * from './model/index.js';
export * from './report/index.js';
export { RULES, type Rule, type RuleMeta, ruleById } from './rules/index.js';
export * from './scan/index.js';
export {
  parseSuppressions,
  SUPPRESSION_MARKER,
  type SuppressionEditOptions,
  silenceFindings,
  suppressionEdit,
} from './suppressions/index.js';
export { type ChangedFiles, changedFiles, SinceError } from './workspace/changes.js';
export type { Skip, SkipReason } from './workspace/skips.js';
