import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { applyEdits, type TextEdit } from '../model/edit.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../scan/index.js';
import { displayPath } from '../workspace/display-path.js';
import type { TaskPipeline } from '../workspace/task-pipeline.js';
import { manifestsIn } from './apps.js';
import { goPackageNames } from './go-package-names.js';
import { halfRetypedApps } from './half-retype.js';
import { manifestsFor, planManifest, resolveDependencies } from './manifest-plan.js';
import { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';
import { blockedNote, generatedNotes, halfRetypeNote, refusedNote, skippedNote } from './plan-notes.js';
import { REWRITE_JOB, type RewritePayload } from './rewrite-job.js';
import { type FileTarget, type MigratePlan, planFromScan } from './scan-plan.js';

/** What decides the edits (no paths, no writing): what `planMigration` reads. */
export interface PlanOptions {
  force?: boolean;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  /** Package name (or `ecosystem:name`) → version, over the SDK version table. */
  versions?: Record<string, string>;
  /** Retype a client that is part of a library's exported API (a change for the library's users). */
  allowApiChange?: boolean;
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

interface RewriteInput {
  target: FileTarget;
  /** Shown path (cwd-relative when inside it). */
  file: string;
  text: string;
  options: MigrateTextOptions;
}

/** What the rewriters get for one file: the settings, and what scan knows of the file and its clients. */
export function rewriteOptions(target: FileTarget, options: PlanOptions): MigrateTextOptions {
  return {
    endpoint: options.endpoint,
    clientKeyFile: options.clientKeyFile,
    caFile: options.caFile,
    language: target.facts.language,
    goRetype: target.goRetype,
    clients: target.clients,
    // Scan parsed this very text: with no errors then, counting them again is a wasted parse.
    syntaxErrorsBefore: target.facts.parseErrors.length === 0 ? 0 : undefined,
  };
}

/** The plan's first half: blocked/skipped notes, and each file to rewrite read from disk. */
function rewriteInputs(plan: MigratePlan, options: PlanOptions, unrewritten: Finding[]): RewriteInput[] {
  for (const skip of plan.skipped) unrewritten.push(skippedNote(skip, displayPath));
  for (const app of plan.blocked) unrewritten.push(blockedNote(app, Boolean(options.force), displayPath));
  for (const app of plan.refused) unrewritten.push(refusedNote(app, displayPath));
  for (const g of plan.generated) unrewritten.push(...generatedNotes(g, displayPath));
  const inputs: RewriteInput[] = [];
  for (const target of plan.files) {
    const file = displayPath(target.path);
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch (err) {
      unrewritten.push(
        noteAt(
          MIGRATE_RULES.unreadable,
          'error',
          `${file}: cannot read (${(err as Error).message}); its KMS client was not rewritten: check the file's permissions and run migrate again`,
          file,
          target.facts.language,
          '',
          0,
          0,
        ),
      );
      continue;
    }
    const opts = rewriteOptions(target, options);
    if (target.facts.language === 'go') opts.scopeNames = goPackageNames(target.path);
    inputs.push({ target, file, text, options: opts });
  }
  return inputs;
}

/** The plan's second half: the rewritten files, then the manifests of their applications. */
function assemble(
  inputs: readonly RewriteInput[],
  results: readonly TextMigration[],
  options: PlanOptions,
  unrewritten: Finding[],
): MigrationPlan {
  const reminders: string[] = [];
  const changes: FileChange[] = [];
  const needsByApp = new Map<string, Set<TransferNeed>>();
  const halfRetyped = halfRetypedApps(inputs, results);
  for (const [app, missed] of halfRetyped) unrewritten.push(halfRetypeNote(app, missed, displayPath));
  inputs.forEach(({ target, file, text }, i) => {
    const result = results[i];
    unrewritten.push(...result.findings);
    if (result.edits.length === 0 || halfRetyped.has(target.app)) return;
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
  });

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
 * The edits migrate would make for an existing scan: the rewritten source files and the manifests of
 * their applications. One `scan()` decides everything the rewriters must not guess: which
 * applications are blocked (its verdict), which files hold legacy KMS clients, and which
 * constructions those are (its ClientSite facts); the rewriters only place the edits. Reads files,
 * writes nothing.
 */
export function planMigration(scanned: ScanResult, options: PlanOptions = {}): MigrationPlan {
  return planMigrationFrom(
    planFromScan(scanned, Boolean(options.force), Boolean(options.allowApiChange)),
    options,
  );
}

/** `planMigration` on a plan already drawn from the scan (`attachFixes` keeps using its targets). */
export function planMigrationFrom(plan: MigratePlan, options: PlanOptions = {}): MigrationPlan {
  const unrewritten: Finding[] = [];
  const inputs = rewriteInputs(plan, options, unrewritten);
  const results = inputs.map((i) => migrateText(i.file, i.text, i.options));
  return assemble(inputs, results, options, unrewritten);
}

/** `planMigration` with the rewrites spread over the pipeline's threads (those the scan warmed up). */
export async function planMigrationOn(
  pipeline: TaskPipeline,
  scanned: ScanResult,
  options: PlanOptions = {},
): Promise<MigrationPlan> {
  const unrewritten: Finding[] = [];
  const inputs = rewriteInputs(
    planFromScan(scanned, Boolean(options.force), Boolean(options.allowApiChange)),
    options,
    unrewritten,
  );
  pipeline.begin<TextMigration>({
    lost: (task) => {
      const p = task.payload as RewritePayload;
      return {
        file: p.file,
        before: p.text,
        after: p.text,
        edits: [],
        needs: [],
        findings: [
          noteAt(
            MIGRATE_RULES.unsupportedShape,
            'error',
            `${p.file}: the rewriter thread stopped on this file (it crashed or took too long); the file is left as it was, please report this with the file`,
            p.file,
            task.language,
            p.text,
            0,
            0,
          ),
        ],
      };
    },
  });
  for (const i of inputs) {
    const payload: RewritePayload = { file: i.file, text: i.text, options: i.options };
    pipeline.submit({ job: REWRITE_JOB, payload, language: i.target.facts.language, weight: i.text.length });
  }
  const results = await pipeline.finish<TextMigration>();
  return assemble(inputs, results, options, unrewritten);
}
