import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { applyEdits, type TextEdit } from '../model/edit.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import { appRootOf, isManifest } from './apps.js';
import { firstBlockedUse, mayHoldLegacyClient } from './blocked.js';
import { listFiles } from './files.js';
import { MIGRATE_RULES, noteAt } from './findings.js';
import { dirtyAmong } from './git.js';
import { manifestsFor, planManifest, resolveDependencies } from './manifest-plan.js';
import { migrateText } from './migrate-text.js';
import type { TransferNeed } from './rewriter.js';
import { writeAtomic } from './write.js';

export { colorDiff, unifiedDiff } from './diff.js';
export { MIGRATE_RULES } from './findings.js';
export { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';
export type { InstanceSettings } from './settings.js';

export interface MigrateOptions {
  paths: string[];
  write?: boolean;
  force?: boolean;
  allowDirty?: boolean;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  /** Package name (or `ecosystem:name`) → version, over the SDK version table. */
  versions?: Record<string, string>;
}

export interface FileChange {
  /** Path relative to the working directory when inside it, `/` separators. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  before: string;
  after: string;
  edits: TextEdit[];
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

interface SourceFile {
  path: string;
  text: string;
}

/**
 * Rewrites legacy KMS clients under `paths` into the transfer-client pattern and adds the SDKs to the
 * manifests. Dry run unless `write`.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const unrewritten: Finding[] = [];
  const reminders: string[] = [];
  const changes: FileChange[] = [];
  const roots = options.paths.length ? options.paths.map((p) => resolve(p)) : [process.cwd()];
  const all = listFiles(roots, (path, message) => {
    unrewritten.push({
      ruleId: MIGRATE_RULES.unreadable,
      severity: 'warning',
      message: `${displayPath(path)}: cannot read (${message}); skipped`,
      file: displayPath(path),
      language: 'other',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, startOffset: 0, endOffset: 0 },
    });
  });
  const manifests = all.filter(isManifest);
  const manifestDirs = new Set(manifests.map((m) => dirname(m)));

  // One read per file: only files that may hold a legacy client are kept in memory.
  const sources: SourceFile[] = [];
  const blockedApps = new Map<string, { file: SourceFile; offset: number }>();
  for (const path of all) {
    const language = languageOfPath(path);
    if (!language || !['java', 'python', 'go', 'typescript', 'javascript'].includes(language)) continue;
    if (/\.d\.[cm]?ts$/.test(path)) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      unrewritten.push(
        noteAt(
          MIGRATE_RULES.unreadable,
          'warning',
          `${displayPath(path)}: cannot read (${(err as Error).message}); skipped`,
          displayPath(path),
          language,
          '',
          0,
          0,
        ),
      );
      continue;
    }
    const src = { path, text };
    // Applications that call ReEncrypt / ExportDataKey / GenerateAndExportDataKey cannot move yet.
    const offset = firstBlockedUse(language, text);
    if (offset >= 0) {
      const app = appRootOf(path, roots, manifestDirs);
      if (!blockedApps.has(app)) blockedApps.set(app, { file: src, offset });
    }
    if (mayHoldLegacyClient(language, text)) sources.push(src);
  }
  for (const [app, { file, offset }] of blockedApps) {
    const language = languageOfPath(file.path) ?? 'other';
    const end = file.text.indexOf('\n', offset);
    unrewritten.push(
      noteAt(
        MIGRATE_RULES.blockedApp,
        options.force ? 'warning' : 'error',
        options.force
          ? `${displayPath(app)}: rewritten because of --force although it calls an API the KMS instance does not serve (ReEncrypt/ExportDataKey/GenerateAndExportDataKey); those calls keep going to the shared gateway, which closes one month after the key moves`
          : `${displayPath(app)}: not rewritten: the application calls an API the KMS instance does not serve (ReEncrypt/ExportDataKey/GenerateAndExportDataKey); remove that call or pass --force`,
        displayPath(file.path),
        language,
        file.text,
        offset,
        end < 0 ? file.text.length : end,
        { app: displayPath(app) },
      ),
    );
  }

  // Go: `*kms.Client` types change in every file of a package where a transfer client is built.
  const goPackages = new Set<string>();
  for (const src of sources) {
    if (!src.path.endsWith('.go')) continue;
    const v1 =
      /\.NewClientWith[A-Za-z]+\s*\(/.test(src.text) &&
      src.text.includes('alibaba-cloud-sdk-go/services/kms');
    const v2 = /\.NewClient\s*\(/.test(src.text) && src.text.includes('kms-20160120');
    if (v1 || v2) {
      goPackages.add(dirname(src.path));
    }
  }

  const needsByApp = new Map<string, Set<TransferNeed>>();
  for (const src of sources) {
    const app = appRootOf(src.path, roots, manifestDirs);
    if (blockedApps.has(app) && !options.force) continue;
    const file = displayPath(src.path);
    const result = migrateText(file, src.text, {
      endpoint: options.endpoint,
      clientKeyFile: options.clientKeyFile,
      caFile: options.caFile,
      goPackageMigrates: goPackages.has(dirname(src.path)),
    });
    unrewritten.push(...result.findings);
    if (result.edits.length === 0) continue;
    changes.push({ file, path: src.path, before: src.text, after: result.after, edits: result.edits });
    const set = needsByApp.get(app) ?? new Set<TransferNeed>();
    for (const n of result.needs) set.add(n);
    needsByApp.set(app, set);
  }

  for (const [app, needs] of needsByApp) {
    const { deps, problems } = resolveDependencies(needs, options.versions);
    for (const p of problems) reminders.push(`${displayPath(app)}: ${p}`);
    const targets = manifestsFor(app, manifests, deps);
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
      });
      if (path.endsWith('go.mod'))
        reminders.push(
          `${displayPath(dirname(path))}: run \`go mod tidy\` to fetch the transfer SDK and update go.sum`,
        );
    }
  }

  const written: string[] = [];
  if (options.write) {
    const dirty = options.allowDirty ? new Set<string>() : dirtyAmong(changes.map((c) => c.path));
    for (const change of changes) {
      if (dirty.has(change.path)) {
        unrewritten.push(
          noteAt(
            MIGRATE_RULES.dirtyFile,
            'error',
            `${change.file}: has uncommitted changes, not written; commit or stash them first, or pass --allow-dirty`,
            change.file,
            languageOfPath(change.path) ?? 'other',
            change.before,
            0,
            0,
          ),
        );
        continue;
      }
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
