import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { MIGRATE_RULES, type MigrateResult, migrate } from '../migrate/index.js';
import { migrateJson } from '../migrate/json-report.js';
import { renderText } from '../migrate/report.js';
import { activeFindings } from '../model/index.js';
import { displayPath } from '../workspace/display-path.js';
import { addCacheOptions, type CacheFlags, cacheOption } from './cache-options.js';
import { CliUsageError, defineCommand, statusAction, usageError } from './command.js';
import { encodingName } from './encoding-option.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import { shellQuote } from './next-step.js';
import {
  type ConfigFlags,
  collect,
  configOptions,
  progressFor,
  type ReportFlags,
  reportOptions,
  useColor,
  writeReport,
} from './options.js';
import { toolVersion } from './version.js';

const MIGRATE_FORMATS = ['text', 'json'] as const;

interface MigrateFlags extends ReportFlags<(typeof MIGRATE_FORMATS)[number]>, ConfigFlags, CacheFlags {
  write?: boolean;
  build?: boolean;
  check?: boolean;
  patch?: string;
  force?: boolean;
  allowDirty?: boolean;
  allowApiChange?: boolean;
  allowLibraryEnv?: boolean;
  allowIncomplete?: boolean;
  encoding?: string;
  endpoint?: string;
  clientKeyFile?: string;
  caFile?: string;
  versions?: string[];
  since?: string;
}

/** `--versions name=1.2.3` (repeatable, or comma separated). */
function parseVersions(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0 || eq === item.length - 1)
      throw new CliUsageError(`--versions expects name=version, got '${item}'`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/**
 * The exit status of a run: a dry run and `--write` succeed when they did what was asked, whatever
 * the verdicts (`--write` fails when it wrote nothing: a refusal, or a failure that was rolled back);
 * `--check` is the CI gate, red while a change is pending (a legacy client migrate rewrites), an
 * application is blocked (its legacy client or blocked call remains), or migrate left a client as it
 * was for a reason it reports as an error (a generated file, a refused retype, a library API change
 * not allowed, an application it could not read in full unless --allow-incomplete, an interrupted
 * --write): the gate stays red until fixed or suppressed.
 */
export function migrateStatus(
  result: MigrateResult,
  mode: 'dry-run' | 'write' | 'check',
  allowIncomplete = false,
): ExitStatus {
  if (mode === 'write') {
    const buildFailed = result.builds?.some((b) => b.status === 'failed') ?? false;
    return result.writeFailed || buildFailed ? 'failure' : 'ok';
  }
  if (mode === 'dry-run') return 'ok';
  // A comment can silence a note: one at a blocked call (migrate/blocked-app, one per blocked
  // application), or at code migrate left as it was; what is silenced no longer fails the gate.
  const active = activeFindings(result.unrewritten);
  const left =
    result.changes.length > 0 ||
    active.some((f) => f.ruleId === MIGRATE_RULES.blockedApp) ||
    (!allowIncomplete && result.apps.some((a) => a.verdict === 'incomplete')) ||
    active.some((f) => f.severity === 'error');
  return left ? 'failure' : 'ok';
}

/** Why the patch cannot be written there, checked before anything is written; undefined when it can. */
function patchPathProblem(path: string): string | undefined {
  const abs = resolve(path);
  try {
    if (existsSync(abs)) {
      if (!statSync(abs).isFile()) return 'it is not a regular file';
      accessSync(abs, constants.W_OK);
    } else accessSync(dirname(abs), constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

/** Says where the patch went and how to apply it. */
function patchNote(result: MigrateResult): string {
  if (!result.patch) return '';
  const { file, base } = result.patch;
  return `wrote the patch to ${displayPath(file)} (${result.changes.length} file(s), paths relative to ${displayPath(base) || '.'}); apply it with: git -C ${shellQuote(base)} apply ${shellQuote(file)}\n`;
}

async function runMigrate(paths: string[], flags: MigrateFlags): Promise<ExitStatus> {
  const versions = parseVersions(flags.versions);
  if (flags.write && flags.check) return usageError('migrate', '--write and --check exclude each other');
  if (flags.build && !flags.write)
    return usageError('migrate', '--build checks what --write wrote; pass both');
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return usageError('migrate', `no such file or directory: ${missing.join(', ')}`);
  const patchProblem = flags.patch ? patchPathProblem(flags.patch) : undefined;
  if (patchProblem)
    return usageError(
      'migrate',
      `cannot write the patch to ${flags.patch} (${patchProblem}); nothing was written`,
    );
  const mode = flags.check ? 'check' : flags.write ? 'write' : 'dry-run';
  const progress = progressFor(flags);
  let result: MigrateResult;
  try {
    result = await migrate({
      paths: paths.length ? paths : ['.'],
      write: mode === 'write',
      build: flags.build,
      force: flags.force,
      allowDirty: flags.allowDirty,
      allowApiChange: flags.allowApiChange,
      allowLibraryEnv: flags.allowLibraryEnv,
      allowIncomplete: flags.allowIncomplete,
      encoding: flags.encoding,
      patch: flags.patch,
      endpoint: flags.endpoint,
      clientKeyFile: flags.clientKeyFile,
      caFile: flags.caFile,
      versions,
      config: flags.config,
      since: flags.since,
      cache: cacheOption(flags),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }
  const patched = patchNote(result);
  const tool = { name: 'kms-codemod', version: toolVersion() };
  const said = flags.quiet ? '' : patched;
  if (flags.format === 'json') {
    writeReport(migrateJson(result, tool, { wrote: mode === 'write' }), flags);
    process.stderr.write(said);
  } else {
    const text = renderText(result, {
      color: useColor(flags),
      showDiff: mode !== 'write' && !flags.patch,
      wrote: mode === 'write',
      quiet: flags.quiet,
    });
    writeReport(said + text, flags);
  }
  return migrateStatus(result, mode, flags.allowIncomplete);
}

export function registerMigrate(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'migrate',
    description: 'Rewrite legacy KMS clients into the transfer-client pattern (dry run: prints a diff).',
    exitStatus: {
      ok: 'the dry run, --patch or --write did what was asked, whatever the verdicts; --check: nothing left to migrate',
      failure:
        '--check: a change is pending, a legacy client remains (blocked applications included, or one migrate reports it cannot rewrite), an application is incomplete (unless --allow-incomplete), or an interrupted --write waits; --write: nothing was written (a dirty, unwritable or changed file, git failing, or a failure that was rolled back), or with --build an application that did not build and was put back',
      usage: USAGE_OR_ERROR,
    },
  }).argument('[paths...]', 'files or directories (default: the current directory)');
  reportOptions(cmd, MIGRATE_FORMATS, 'text');
  configOptions(cmd)
    .option('--write', 'apply the changes, all or nothing (an interrupted run is finished by the next)')
    .option(
      '--check',
      'exit 1 while a change is pending or a legacy client remains (CI gate); writes nothing',
    )
    .option(
      '--build',
      "with --write, check each changed application with its language's build (go build and vet, mvn/gradle, python compile and imports, tsc) and put back the ones that fail",
    )
    .option(
      '--patch <file>',
      'write the changes as a patch `git apply` accepts, paths relative to the repository root',
    )
    .option('--force', 'rewrite applications that call ReEncrypt/ExportDataKey/GenerateAndExportDataKey too')
    .option('--allow-dirty', 'with --write, also touch files with uncommitted git changes')
    .option(
      '--allow-api-change',
      "retype a client that is part of a library's exported API (its users must change too)",
    )
    .option(
      '--allow-library-env',
      'rewrite libraries like applications, reading the instance settings from the environment (default: report the change to make)',
    )
    .option(
      '--allow-incomplete',
      'rewrite applications with files that could not be read, as far as they were read; --check passes on them',
    )
    .option(
      '--encoding <name>',
      'encoding of source files that are not UTF-8: auto (detect; default), gbk, gb18030, shift_jis, latin1, ...',
      encodingName,
    )
    .option(
      '--endpoint <host>',
      'put this instance endpoint into the code instead of reading KMS_INSTANCE_ENDPOINT',
    )
    .option(
      '--client-key-file <path>',
      'put this client key file path into the code instead of reading KMS_CLIENT_KEY_FILE',
    )
    .option('--ca-file <path>', 'put this CA file path into the code instead of reading KMS_CA_FILE')
    .option('--versions <name=version,...>', 'override SDK versions added to manifests (repeatable)', collect)
    .option('--since <ref>', 'rewrite only files changed since the merge base of this git ref and HEAD');
  addCacheOptions(cmd).action(statusAction('migrate', runMigrate));
}
