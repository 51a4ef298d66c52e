import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { applyEdits, type TextEdit } from '../model/edit.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import { type ScanResult, scan } from '../scan/index.js';
import { manifestsIn } from './apps.js';
import { MIGRATE_RULES, noteAt } from './findings.js';
import { dirtyAmong } from './git.js';
import { manifestsFor, planManifest, resolveDependencies } from './manifest-plan.js';
import { migrateText } from './migrate-text.js';
import { blockedNote, skippedNote } from './plan-notes.js';
import type { TransferNeed } from './rewriter.js';
import { planFromScan } from './scan-plan.js';
import { writeAtomic } from './write.js';

export { colorDiff, unifiedDiff } from './diff.js';
export { MIGRATE_RULES } from './findings.js';
export { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';
export type { InstanceSettings } from './settings.js';

/** What decides the edits (no paths, no writing): what `planMigration` reads. */
export interface PlanOptions {
  force?: boolean;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  /** Package name (or `ecosystem:name`) → version, over the SDK version table. */
  versions?: Record<string, string>;
}

export interface MigrateOptions extends PlanOptions {
  paths: string[];
  write?: boolean;
  allowDirty?: boolean;
}

export interface FileChange {
  /** Path relative to the working directory when inside it, `/` separators. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  before: string;
  after: string;
  edits: TextEdit[];
  /** Absolute directory of the application the change belongs to. */
  app?: string;
  /** `manifest` for a build file's dependency edits, `source` for a rewritten source file. */
  kind?: 'source' | 'manifest';
}

/** The edits migrate would make, before anything is written. */
export interface MigrationPlan {
  changes: FileChange[];
  unrewritten: Finding[];
  reminders: string[];
}

export interface MigrateResult {
  changes: FileChange[];
  unrewritten: Finding[];
  reminders: string[];
  /** Files written (only with `write`). */
  written: string[];
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return shown.split(sep).join('/');
}

/**
 * The edits migrate would make for an existing scan: the rewritten source files and the manifests of
 * their applications. One `scan()` decides everything the rewriters must not guess: which
 * applications are blocked (its verdict), which files hold legacy KMS clients, and which
 * constructions those are (its ClientSite facts); the rewriters only place the edits. Reads files,
 * writes nothing.
 */
export function planMigration(scanned: ScanResult, options: PlanOptions = {}): MigrationPlan {
  const unrewritten: Finding[] = [];
  const reminders: string[] = [];
  const changes: FileChange[] = [];
  const plan = planFromScan(scanned, Boolean(options.force));
  for (const skip of plan.skipped) unrewritten.push(skippedNote(skip, displayPath));
  for (const app of plan.blocked) unrewritten.push(blockedNote(app, Boolean(options.force), displayPath));

  const needsByApp = new Map<string, Set<TransferNeed>>();
  for (const target of plan.files) {
    const file = displayPath(target.path);
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch (err) {
      unrewritten.push(
        noteAt(
          MIGRATE_RULES.unreadable,
          'warning',
          `${file}: cannot read (${(err as Error).message}); skipped`,
          file,
          target.facts.language,
          '',
          0,
          0,
        ),
      );
      continue;
    }
    const result = migrateText(file, text, {
      endpoint: options.endpoint,
      clientKeyFile: options.clientKeyFile,
      caFile: options.caFile,
      language: target.facts.language,
      goPackageMigrates: target.goPackageMigrates,
      clients: target.clients,
      // Scan parsed this very text: with no errors then, counting them again is a wasted parse.
      syntaxErrorsBefore: target.facts.parseErrors.length === 0 ? 0 : undefined,
    });
    unrewritten.push(...result.findings);
    if (result.edits.length === 0) continue;
    changes.push({
      file,
      path: target.path,
      before: text,
      after: result.after,
      edits: result.edits,
      app: target.app,
      kind: 'source',
    });
    const set = needsByApp.get(target.app) ?? new Set<TransferNeed>();
    for (const n of result.needs) set.add(n);
    needsByApp.set(target.app, set);
  }

  for (const [app, needs] of needsByApp) {
    const { deps, problems } = resolveDependencies(needs, options.versions);
    for (const p of problems) reminders.push(`${displayPath(app)}: ${p}`);
    const targets = manifestsFor(app, manifestsIn(app), deps);
    if (targets.length === 0 && deps.length > 0) {
      reminders.push(
        `${displayPath(app)}: no manifest found; add ${deps.map((d) => `${d.name} ${d.version}`).join(', ')} to the build by hand`,
      );
    }
    for (const path of targets) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        reminders.push(
          `${displayPath(path)}: cannot read (${(err as Error).message}); add the dependencies by hand`,
        );
        continue;
      }
      const plan = planManifest(path, text, deps);
      for (const p of plan.problems) reminders.push(`${displayPath(path)}: ${p}`);
      if (plan.edits.length === 0) continue;
      changes.push({
        file: displayPath(path),
        path,
        before: text,
        after: applyEdits(text, plan.edits),
        edits: plan.edits,
        app,
        kind: 'manifest',
      });
      if (path.endsWith('go.mod'))
        reminders.push(
          `${displayPath(dirname(path))}: run \`go mod tidy\` to fetch the transfer SDK and update go.sum`,
        );
    }
  }
  return { changes, unrewritten, reminders };
}

/**
 * Rewrites legacy KMS clients under `paths` into the transfer-client pattern and adds the SDKs to the
 * manifests: `scan()`, then `planMigration()`, then (only with `write`) the atomic writes.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const paths = options.paths.length ? options.paths.map((p) => resolve(p)) : [process.cwd()];
  const scanned = await scan({ paths });
  const { changes, unrewritten, reminders } = planMigration(scanned, options);

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
  return { changes, unrewritten, reminders, written };
}
