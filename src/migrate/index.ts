import { resolve } from 'node:path';
import type { ConfigSetting } from '../config/resolve-config.js';
import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { Finding } from '../model/finding.js';
import { fingerprintUnanchored } from '../model/fingerprint.js';
import type { AppResult } from '../model/index.js';
import { languageOfPath } from '../model/language.js';
import { type ScanOptions, type ScanProgress, scan } from '../scan/index.js';
import { TaskPipeline } from '../workspace/task-pipeline.js';
import { dirtyAmong } from './git.js';
import { type FileChange, type MigrationPlan, type PlanOptions, planMigrationOn } from './plan-migration.js';
import { writeAtomic } from './write.js';

export { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
export type { InstanceSettings } from '../languages/rewrite-kit/settings.js';
export { colorDiff, unifiedDiff } from './diff.js';
export { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';
export {
  type FileChange,
  type MigrationPlan,
  type PlanOptions,
  planMigration,
  planMigrationOn,
} from './plan-migration.js';

export interface MigrateOptions extends PlanOptions {
  paths: string[];
  write?: boolean;
  allowDirty?: boolean;
  /** Worker threads for the scan and the rewrites (see ScanOptions.workers); default: by tree size. */
  workers?: number;
  /** As ScanOptions.config: a config, a file, `false` for none; default: found above the paths. */
  config?: ConfigSetting;
  onProgress?: (p: ScanProgress) => void;
  /** Rewrite only files changed since the merge base of this git ref and HEAD (see ScanOptions.since). */
  since?: string;
  /** The scan's fact cache (see ScanOptions.cache); off unless asked for. */
  cache?: ScanOptions['cache'];
}

export interface MigrateResult {
  changes: FileChange[];
  unrewritten: Finding[];
  reminders: string[];
  /** Files written (only with `write`). */
  written: string[];
  /** The scan's verdict per application, which decided what was rewritten. */
  apps: AppResult[];
}

/**
 * Rewrites legacy KMS clients under `paths` into the transfer-client pattern and adds the SDKs to the
 * manifests: `scan()`, then `planMigrationOn()`, then (only with `write`) the atomic writes.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const paths = options.paths.length ? options.paths.map((p) => resolve(p)) : [process.cwd()];
  // One set of threads for both steps: the rewrites run on the workers the scan has warmed up.
  const pipeline = new TaskPipeline();
  let plan: MigrationPlan;
  let apps: AppResult[];
  try {
    const scanned = await scan({
      paths,
      pipeline,
      workers: options.workers,
      config: options.config,
      onProgress: options.onProgress,
      since: options.since,
    });
    apps = scanned.apps;
    plan = await planMigrationOn(pipeline, scanned, options);
  } finally {
    pipeline.close();
  }
  const { changes, unrewritten, reminders } = plan;

  const written: string[] = [];
  if (options.write) {
    const dirty = options.allowDirty ? new Set<string>() : dirtyAmong(changes.map((c) => c.path));
    // All or nothing: writing the clean files alone would leave an application half moved (a manifest
    // with the transfer SDK but a client still on the gateway, or the reverse).
    for (const change of changes) {
      if (!dirty.has(change.path)) continue;
      unrewritten.push(
        noteAt(
          MIGRATE_RULES.dirtyFile,
          'error',
          `${change.file}: has uncommitted changes, so nothing was written (${changes.length} file(s) pending); commit or stash them first, or pass --allow-dirty`,
          change.file,
          languageOfPath(change.path) ?? 'other',
          change.before,
          0,
          0,
        ),
      );
    }
    for (const change of dirty.size > 0 ? [] : changes) {
      try {
        writeAtomic(change.path, change.after);
        written.push(change.file);
      } catch (err) {
        unrewritten.push(
          noteAt(
            MIGRATE_RULES.unreadable,
            'error',
            `${change.file}: could not write (${(err as Error).message})`,
            change.file,
            languageOfPath(change.path) ?? 'other',
            change.before,
            0,
            0,
          ),
        );
      }
    }
  }
  fingerprintUnanchored(unrewritten);
  return { changes, unrewritten, reminders, written, apps };
}
