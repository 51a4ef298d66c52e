import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigSetting } from '../config/resolve-config.js';
import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { AppResult } from '../model/app.js';
import type { Finding } from '../model/finding.js';
import { fingerprintUnanchored } from '../model/fingerprint.js';
import { type ScanOptions, type ScanProgress, type ScanResult, scan } from '../scan/index.js';
import { displayPath } from '../workspace/display-path.js';
import { TaskPipeline } from '../workspace/task-pipeline.js';
import { applyWrites } from './apply-writes.js';
import { type AppBuild, type BuildOptions, checkBuilds } from './build-check/index.js';
import { buildFailedNote } from './build-check/notes.js';
import type { FileOps } from './file-ops.js';
import { hasJournal, JOURNAL_FILE, type Recovery, recoverDir } from './journal.js';
import { type FileChange, type MigrationPlan, type PlanOptions, planMigrationOn } from './plan-migration.js';
import { patchBase, patchOf } from './report.js';

export { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
export type { InstanceSettings } from '../languages/rewrite-kit/settings.js';
export type { AppBuild, BuildOptions, BuildStatus } from './build-check/index.js';
export { colorDiff, unifiedDiff } from './diff.js';
export { type FileOps, FS_OPS } from './file-ops.js';
export { JOURNAL_FILE, type Recovery, recoverDir } from './journal.js';
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
  /** With `write`: check each written application with its language's build (build-check/), rolling back those that fail. */
  build?: boolean | BuildOptions;
  allowDirty?: boolean;
  /** Encoding of source files that are not UTF-8 (see ScanOptions.encoding). */
  encoding?: string;
  /** Worker threads for the scan and the rewrites (see ScanOptions.workers); default: by tree size. */
  workers?: number;
  /** As ScanOptions.config: a config, a file, `false` for none; default: found above the paths. */
  config?: ConfigSetting;
  onProgress?: (p: ScanProgress) => void;
  /** Rewrite only files changed since the merge base of this git ref and HEAD (see ScanOptions.since). */
  since?: string;
  /** The scan's fact cache (see ScanOptions.cache); off unless asked for. */
  cache?: ScanOptions['cache'];
  /**
   * Also write the change as a patch `git apply` takes to this file, before anything else is written;
   * its paths are relative to the repository that holds the changed files (else the working directory).
   */
  patch?: string;
  /** The write's file operations (a test makes one of them fail). */
  fileOps?: FileOps;
}

export interface MigrateResult {
  changes: FileChange[];
  unrewritten: Finding[];
  reminders: string[];
  /** Files written (only with `write`): all of the changes, or none; an application put back after a failed build (`build`) is not listed. */
  written: string[];
  /** With `write`: the write was refused or failed, and nothing was written. */
  writeFailed: boolean;
  /** The scan's verdict per application (after any recovery), which decided what was rewritten. */
  apps: AppResult[];
  /** Interrupted `--write` runs this run finished (forward) or undid (back) before it started. */
  recovered: Recovery[];
  /** With `patch`: the file written and the directory its paths start from. */
  patch?: { file: string; base: string };
  /** One entry per application and language checked (only with `write` and `build`). */
  builds?: AppBuild[];
}

/** The application directories where an interrupted run's journal may be (scan's applications, the paths given). */
function journalDirs(scanned: ScanResult, paths: readonly string[]): string[] {
  const dirs = new Set(scanned.apps.map((a) => resolve(scanned.root, a.dir)));
  for (const p of paths) if (existsSync(p) && statSync(p).isDirectory()) dirs.add(p);
  return [...dirs];
}

function interruptedNote(dir: string): Finding {
  const shown = displayPath(dir);
  return noteAt(
    MIGRATE_RULES.interruptedRun,
    'error',
    `${shown}: an earlier migrate --write was interrupted here (${JOURNAL_FILE}); run kms-codemod migrate --write to finish it, or undo it, before anything else`,
    shown,
    'other',
    '',
    0,
    0,
  );
}

/**
 * Rewrites legacy KMS clients under `paths` into the transfer-client pattern and adds the SDKs to the
 * manifests: `scan()`, then `planMigrationOn()`, then (only with `write`) the writes, all or nothing.
 * A `write` first finishes any interrupted earlier write it finds (its journal), then scans again.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const paths = options.paths.length ? options.paths.map((p) => resolve(p)) : [process.cwd()];
  // One set of threads for both steps: the rewrites run on the workers the scan has warmed up.
  const pipeline = new TaskPipeline();
  const recovered: Recovery[] = [];
  const notes: Finding[] = [];
  let scanned: ScanResult;
  let plan: MigrationPlan;
  try {
    const run = () =>
      scan({
        paths,
        pipeline,
        workers: options.workers,
        config: options.config,
        encoding: options.encoding,
        since: options.since,
        cache: options.cache,
        onProgress: options.onProgress,
      });
    scanned = await run();
    if (options.write) {
      for (const dir of journalDirs(scanned, paths)) {
        const r = recoverDir(dir);
        if (r) recovered.push(r);
      }
      // The tree changed under the first scan: plan on what is there now.
      if (recovered.length > 0) scanned = await run();
      for (const r of recovered)
        for (const p of r.problems)
          notes.push(
            noteAt(MIGRATE_RULES.interruptedRun, 'error', p, displayPath(r.journal), 'other', '', 0, 0),
          );
    } else {
      notes.push(...journalDirs(scanned, paths).filter(hasJournal).map(interruptedNote));
    }
    plan = await planMigrationOn(pipeline, scanned, options);
  } finally {
    pipeline.close();
  }
  const { changes, unrewritten, reminders } = plan;
  unrewritten.unshift(...notes);
  let patch: MigrateResult['patch'];
  if (options.patch) {
    // Before any source: a patch that cannot be written stops the run with nothing changed.
    const base = patchBase({ changes });
    const file = resolve(options.patch);
    writeFileSync(file, patchOf({ changes }, base));
    patch = { file, base };
  }
  let written: string[] = [];
  let writeFailed = false;
  if (options.write) {
    if (notes.length > 0) writeFailed = true;
    else {
      const applied = applyWrites(changes, Boolean(options.allowDirty), options.fileOps);
      unrewritten.push(...applied.notes);
      written = applied.written;
      writeFailed = applied.failed;
    }
  }
  fingerprintUnanchored(unrewritten);
  const result: MigrateResult = {
    changes,
    unrewritten,
    reminders,
    written,
    writeFailed,
    apps: scanned.apps,
    recovered,
    ...(patch ? { patch } : {}),
  };
  if (!options.write || !options.build || writeFailed) return result;
  const done = changes.filter((c) => written.includes(c.file));
  const builds = await checkBuilds(done, options.build === true ? {} : options.build);
  for (const b of builds.filter((x) => x.status === 'failed')) {
    unrewritten.push(buildFailedNote(b, done));
    const back = new Set(b.restored);
    for (const c of done) if (back.has(c.path)) written.splice(written.indexOf(c.file), 1);
  }
  return { ...result, builds };
}
