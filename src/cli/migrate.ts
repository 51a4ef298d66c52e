import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MIGRATE_RULES, type MigrateResult, migrate } from '../migrate/index.js';
import { migrateJson } from '../migrate/json-report.js';
import { patchBase, patchOf, renderText } from '../migrate/report.js';
import { activeFindings } from '../model/index.js';
import { displayPath } from '../workspace/display-path.js';
import { addCacheOptions, type CacheFlags, cacheOption } from './cache-options.js';
import { CliUsageError, defineCommand, statusAction, usageError } from './command.js';
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
  check?: boolean;
  patch?: string;
  force?: boolean;
  allowDirty?: boolean;
  allowApiChange?: boolean;
  allowLibraryEnv?: boolean;
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
 * the verdicts; `--check` fails while a change is pending, a legacy client remains in a blocked
 * application, or migrate left one as it was for a reason it reports as an error (a generated file,
 * a retype it refused, a library API change not allowed): the gate stays red until it is fixed,
 * or a kms-codemod-ignore comment silences that note.
 */
export function migrateStatus(result: MigrateResult, mode: 'dry-run' | 'write' | 'check'): ExitStatus {
  if (mode === 'check') {
    // A comment can silence a note: one at a blocked call (migrate/blocked-app, one per blocked
    // application), or at code migrate left as it was; what is silenced no longer fails the gate.
    const active = activeFindings(result.unrewritten);
    const blocked = active.some((f) => f.ruleId === MIGRATE_RULES.blockedApp);
    return result.changes.length > 0 || blocked || active.some((f) => f.severity === 'error')
      ? 'failure'
      : 'ok';
  }
  if (mode === 'write') return result.written.length < result.changes.length ? 'failure' : 'ok';
  return 'ok';
}

/** Writes the patch with its paths relative to the repository root; says where, and how to apply it. */
function writePatch(result: MigrateResult, file: string): string {
  const base = patchBase(result);
  const abs = resolve(file);
  writeFileSync(abs, patchOf(result, base));
  return `wrote the patch to ${displayPath(abs)} (${result.changes.length} file(s), paths relative to ${displayPath(base) || '.'}); apply it with: git -C ${shellQuote(base)} apply ${shellQuote(abs)}\n`;
}

async function runMigrate(paths: string[], flags: MigrateFlags): Promise<ExitStatus> {
  const versions = parseVersions(flags.versions);
  if (flags.write && flags.check) return usageError('migrate', '--write and --check exclude each other');
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return usageError('migrate', `no such file or directory: ${missing.join(', ')}`);
  const mode = flags.check ? 'check' : flags.write ? 'write' : 'dry-run';
  const progress = progressFor(flags);
  let result: MigrateResult;
  try {
    result = await migrate({
      paths: paths.length ? paths : ['.'],
      write: mode === 'write',
      force: flags.force,
      allowDirty: flags.allowDirty,
      allowApiChange: flags.allowApiChange,
      allowLibraryEnv: flags.allowLibraryEnv,
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
  const patched = flags.patch ? writePatch(result, flags.patch) : '';
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
  return migrateStatus(result, mode);
}

export function registerMigrate(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'migrate',
    description: 'Rewrite legacy KMS clients into the transfer-client pattern (dry run: prints a diff).',
    exitStatus: {
      ok: 'the dry run or --write did what was asked, whatever the verdicts; --check: nothing left to migrate',
      failure:
        '--check: a change is pending, or a legacy client remains (in a blocked application, or one migrate reports it cannot rewrite); --write: a file could not be written',
      usage: USAGE_OR_ERROR,
    },
  }).argument('[paths...]', 'files or directories (default: the current directory)');
  reportOptions(cmd, MIGRATE_FORMATS, 'text');
  configOptions(cmd)
    .option('--write', 'apply the changes (atomic writes)')
    .option('--check', 'exit 1 when a change is pending (CI gate); writes nothing')
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
