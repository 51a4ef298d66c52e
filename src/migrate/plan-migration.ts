import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import type { TextEdit } from '../model/edit.js';
import type { Finding } from '../model/finding.js';
import { fingerprintUnanchored } from '../model/fingerprint.js';
import type { ScanResult } from '../scan/index.js';
import { silenceFindings } from '../suppressions/index.js';
import { displayPath } from '../workspace/display-path.js';
import { readSourceFile } from '../workspace/source-encoding.js';
import type { TaskPipeline } from '../workspace/task-pipeline.js';
import { importsOptionally, planAppManifests } from './app-manifests.js';
import { goPackageNames } from './go-package-names.js';
import { halfRetypedApps } from './half-retype.js';
import { libraryNote } from './library-note.js';
import { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';
import {
  blockedNote,
  generatedNotes,
  halfRetypeNote,
  incompleteNote,
  keptNote,
  refusedNote,
  skippedNote,
} from './plan-notes.js';
import { REWRITE_JOB, type RewritePayload } from './rewrite-job.js';
import { type FileTarget, type MigratePlan, planFromScan } from './scan-plan.js';

/** What decides the edits (no paths, no writing): what `planMigration` reads. */
export interface PlanOptions {
  force?: boolean;
  /** Rewrite applications scan could not read in full, as far as they were read. */
  allowIncomplete?: boolean;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  /** Package name (or `ecosystem:name`) → version, over the SDK version table. */
  versions?: Record<string, string>;
  /** Retype a client that is part of a library's exported API (a change for the library's users). */
  allowApiChange?: boolean;
  /** Rewrite libraries like applications (reading the instance settings from the environment). */
  allowLibraryEnv?: boolean;
  /**
   * Reads a file the plan rewrites or edits (sources and manifests, absolute paths); throws when it
   * cannot. Default: the disk, in the file's own encoding. The language server passes one that returns
   * the editor's unsaved buffers.
   */
  readFile?: ReadSource;
}

/**
 * Reads a source or manifest as text: `encoding` is the one scan found (absent: detect it); the result's
 * `encoding` is the one to write it back in (absent: UTF-8, or a buffer the editor writes itself).
 */
export type ReadSource = (path: string, encoding?: string) => { text: string; encoding?: string };

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
  /** The file's encoding when it is not UTF-8: `after` is written back in it. */
  encoding?: string;
  /**
   * Offsets in `before` of the credential literals scan found (quotes included): the diff shown on
   * screen hides them, the patch keeps them (it must apply). Offsets, never the values themselves.
   */
  secrets?: [number, number][];
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
  encoding?: string;
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
  for (const app of plan.blocked) {
    const note = blockedNote(app, Boolean(options.force), displayPath);
    // `kms-codemod-ignore-next-line migrate/blocked-app` at the blocked call: the team keeps that call on
    // the gateway for now, and `migrate --check` stops failing for it.
    const here = app.at?.suppressions;
    if (here) silenceFindings([note], () => here);
    unrewritten.push(note);
  }
  for (const app of plan.refused) unrewritten.push(refusedNote(app, displayPath));
  for (const g of plan.generated) unrewritten.push(...generatedNotes(g, displayPath));
  for (const kept of plan.kept) unrewritten.push(keptNote(kept, displayPath));
  for (const app of plan.incomplete)
    unrewritten.push(incompleteNote(app, Boolean(options.allowIncomplete), displayPath));
  const inputs: RewriteInput[] = [];
  for (const target of plan.files) {
    const file = displayPath(target.path);
    let read: { text: string; encoding?: string };
    try {
      // In the encoding scan read it in: UTF-8 unless scan found another.
      read = (options.readFile ?? readSourceFile)(target.path, target.facts.encoding ?? 'utf-8');
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
    inputs.push({ target, file, ...read, options: opts });
  }
  return inputs;
}

interface AppRewrite {
  sources: FileChange[];
  needs: Set<TransferNeed>;
  /** Per need: whether every rewritten file that needs it imports the legacy SDK only optionally. */
  optional: Map<TransferNeed, boolean>;
  library: boolean;
}

/** The plan's second half: the rewritten files, then the manifests of their applications (whole application or nothing). */
function assemble(
  inputs: readonly RewriteInput[],
  results: readonly TextMigration[],
  options: PlanOptions,
  unrewritten: Finding[],
  transferNeeds: MigratePlan['transferNeeds'],
): MigrationPlan {
  const reminders: string[] = [];
  const changes: FileChange[] = [];
  const byApp = new Map<string, AppRewrite>();
  // Transfer clients already in the code count too: a half-migrated application gets their SDKs.
  for (const [dir, t] of transferNeeds)
    byApp.set(dir, {
      sources: [],
      needs: new Set(t.needs),
      optional: new Map([...t.needs].map((n) => [n, false])),
      library: t.library,
    });
  const halfRetyped = halfRetypedApps(inputs, results);
  for (const [app, missed] of halfRetyped) unrewritten.push(halfRetypeNote(app, missed, displayPath));
  inputs.forEach(({ target, file, text, encoding }, i) => {
    const result = libraryGate(target, file, text, results[i], options);
    unrewritten.push(...result.findings);
    if (result.edits.length === 0 || halfRetyped.has(target.app)) return;
    const app: AppRewrite = byApp.get(target.app) ?? {
      sources: [],
      needs: new Set(),
      optional: new Map(),
      library: target.kind === 'library',
    };
    app.sources.push({
      file,
      path: target.path,
      before: text,
      after: result.after,
      edits: result.edits,
      app: target.app,
      kind: 'source',
      ...(encoding ? { encoding } : {}),
      ...(target.facts.credentials.length
        ? {
            secrets: target.facts.credentials.map((c): [number, number] => [
              c.range.startOffset,
              c.range.endOffset,
            ]),
          }
        : {}),
    });
    const optional = importsOptionally(target.facts);
    for (const n of result.needs) {
      app.needs.add(n);
      app.optional.set(n, (app.optional.get(n) ?? true) && optional);
    }
    byApp.set(target.app, app);
  });
  for (const [dir, app] of byApp) {
    const optionalNeeds = new Set([...app.optional].filter(([, o]) => o).map(([n]) => n));
    const manifests = planAppManifests(
      dir,
      app.needs,
      { library: app.library, optionalNeeds },
      options.versions,
      options.readFile,
    );
    reminders.push(...manifests.reminders);
    if (manifests.refused.length > 0) {
      unrewritten.push(...manifests.refused);
      continue;
    }
    changes.push(...app.sources, ...manifests.changes);
  }
  fingerprintUnanchored(unrewritten);
  return { changes, unrewritten, reminders };
}

/**
 * A library's rewrite is held back (code unchanged, the change to make reported) unless
 * `--allow-library-env`: rewritten code reads the instance settings from the environment, which is
 * the application's business, not the library's.
 */
function libraryGate(
  target: FileTarget,
  file: string,
  text: string,
  result: TextMigration,
  options: PlanOptions,
): TextMigration {
  if (target.kind !== 'library' || options.allowLibraryEnv || result.edits.length === 0) return result;
  const notes = target.clients.map((c) =>
    libraryNote(file, text, target.facts.language, c, target.kindEvidence),
  );
  return { ...result, after: text, edits: [], needs: [], findings: [...result.findings, ...notes] };
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
    planFromScan(
      scanned,
      Boolean(options.force),
      Boolean(options.allowApiChange),
      Boolean(options.allowIncomplete),
    ),
    options,
  );
}

/** `planMigration` on a plan already drawn from the scan (`attachFixes` keeps using its targets). */
export function planMigrationFrom(plan: MigratePlan, options: PlanOptions = {}): MigrationPlan {
  const unrewritten: Finding[] = [];
  const inputs = rewriteInputs(plan, options, unrewritten);
  const results = inputs.map((i) => migrateText(i.file, i.text, i.options));
  return assemble(inputs, results, options, unrewritten, plan.transferNeeds);
}

/** `planMigration` with the rewrites spread over the pipeline's threads (those the scan warmed up). */
export async function planMigrationOn(
  pipeline: TaskPipeline,
  scanned: ScanResult,
  options: PlanOptions = {},
): Promise<MigrationPlan> {
  const unrewritten: Finding[] = [];
  const drawn = planFromScan(
    scanned,
    Boolean(options.force),
    Boolean(options.allowApiChange),
    Boolean(options.allowIncomplete),
  );
  const inputs = rewriteInputs(drawn, options, unrewritten);
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
  return assemble(inputs, results, options, unrewritten, drawn.transferNeeds);
}
