import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  activeFindings,
  type Finding,
  type ScanResult,
  SEVERITY_RANK,
  type Severity,
} from '../model/index.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { scan, scanRoot } from '../scan/index.js';
import type { RepositoryInfo } from '../workspace/repository.js';
import { toRel } from '../workspace/walk.js';
import { addCacheOptions, type CacheFlags, cacheOption } from './cache-options.js';
import { defineCommand, statusAction, usageError } from './command.js';
import type { ExitStatus } from './exit-status.js';
import { USAGE_OR_ERROR } from './exit-status.js';
import { nextStep } from './next-step.js';
import {
  type ConfigFlags,
  configOptions,
  progressFor,
  type ReportFlags,
  reportOptions,
  useColor,
  writeReport,
} from './options.js';
import { readingOptions } from './reading-options.js';
import { toolVersion } from './version.js';

interface ScanFlags extends ReportFlags<ReportFormat>, ConfigFlags, CacheFlags {
  failOn: Severity;
  ignore: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  encoding?: string;
  allowIncomplete?: boolean;
  /** Unset: fixes for SARIF and rdjsonl (reviewdog suggestions) only. */
  fixes?: boolean;
  since?: string;
  baseline?: string;
  writeBaseline?: string;
  verbose?: boolean;
}

/**
 * ARCHITECTURE.md "Exit codes": a finding at or above the --fail-on threshold fails the run, unless a
 * comment silences it or a baseline accepts it.
 */
export function scanStatus(findings: readonly Finding[], failOn: Severity): ExitStatus {
  return activeFindings(findings).some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])
    ? 'failure'
    : 'ok';
}

/** A result that could not be fully computed is never clean: an incomplete application fails the run too. */
export function scanResultStatus(result: ScanResult, failOn: Severity, allowIncomplete = false): ExitStatus {
  if (!allowIncomplete && result.apps.some((a) => a.verdict === 'incomplete')) return 'failure';
  return scanStatus(result.findings, failOn);
}

/**
 * Fixes cost a rewrite of every migrating file; a plain scan (the benchmark's JSON) must not pay for
 * them, nor even load the rewriters, hence the import on demand.
 */
async function withFixes(result: ScanResult, flags: ScanFlags): Promise<ScanResult> {
  if (!(flags.fixes ?? (flags.format === 'sarif' || flags.format === 'rdjsonl'))) return result;
  const { attachFixes } = await import('../migrate/scan-fixes.js');
  return attachFixes(result);
}

/** `--quiet` reports errors only, as ESLint's does; the exit status still counts every finding. */
function errorsOnly(result: ScanResult): ScanResult {
  return { ...result, findings: result.findings.filter((f) => f.severity === 'error') };
}

/** The arguments that choose what is scanned, so that the suggested `migrate` sees the same files. */
function selectionArgs(paths: string[], flags: ScanFlags): string[] {
  const args = [...paths];
  if (flags.config === false) args.push('--no-config');
  else if (flags.config) args.push('--config', flags.config);
  for (const g of flags.ignore) args.push('--ignore', g);
  if (flags.includeVendored) args.push('--include-vendored');
  if (flags.maxFileSize !== undefined) args.push('--max-file-size', String(flags.maxFileSize));
  if (flags.encoding !== undefined) args.push('--encoding', flags.encoding);
  return args;
}

/**
 * What `plan --scans` needs from a JSON report: the repository and commit, what was scanned, and
 * each application's key references resolved here (loaded on demand, as the fixes are).
 */
async function planSection(
  result: ScanResult,
  paths: string[],
  since: string | undefined,
  repository: Promise<RepositoryInfo>,
): Promise<Record<string, unknown>> {
  const { scanExport } = await import('../keys/scan-export.js');
  const scope = { paths: paths.map((p) => toRel(result.root, resolve(p))), since: since ?? null };
  return { ...(await scanExport(result, await repository, scope)) };
}

/** The repository's name and commit, asked of git in the background while the scan runs. */
function repositoryOf(root: string): Promise<RepositoryInfo> {
  return import('../workspace/repository.js').then(({ repositoryInfo }) => repositoryInfo(root));
}

async function runScan(paths: string[], flags: ScanFlags): Promise<ExitStatus> {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return usageError('scan', `no such file or directory: ${missing.join(', ')}`);
  const progress = progressFor(flags);
  const repository =
    flags.format === 'json' ? repositoryOf(scanRoot({ paths: paths.length ? paths : undefined })) : undefined;
  let result: ScanResult;
  try {
    result = await scan({
      paths: paths.length ? paths : undefined,
      config: flags.config,
      ignore: flags.ignore,
      includeVendored: flags.includeVendored,
      maxFileSize: flags.maxFileSize,
      since: flags.since,
      baseline: flags.baseline,
      cache: cacheOption(flags),
      encoding: flags.encoding,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }
  const tool = { name: 'kms-codemod', version: toolVersion() };
  if (flags.writeBaseline) {
    const { baselineFile } = await import('../baseline/index.js');
    writeFileSync(flags.writeBaseline, baselineFile(result.findings, tool));
  }
  const shown = flags.quiet ? errorsOnly(result) : result;
  let report = formatReport(flags.format, await withFixes(shown, flags), {
    tool,
    color: useColor(flags),
    verbose: flags.verbose,
    extra: repository ? await planSection(result, paths, flags.since, repository) : undefined,
  });
  if (flags.format === 'text' && !flags.quiet) report += nextStep(result, selectionArgs(paths, flags));
  writeReport(report, flags);
  return scanResultStatus(result, flags.failOn, flags.allowIncomplete);
}

export function registerScan(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'scan',
    description:
      'Find legacy KMS clients, blocked KMS calls and hard-coded credentials; judge each application.',
    exitStatus: {
      ok: 'no finding at or above --fail-on, and every application was read in full',
      failure:
        'a finding at or above --fail-on (default: error), or an application is incomplete (a file that could not be read or analysed, or nothing scanned at all) unless --allow-incomplete',
      usage: USAGE_OR_ERROR,
    },
  }).argument('[paths...]', 'files or directories to scan (default: the current directory)');
  reportOptions(cmd, REPORT_FORMATS, 'text');
  configOptions(cmd).addOption(
    new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
      .choices(['error', 'warning', 'info'])
      .default('error'),
  );
  readingOptions(cmd)
    .option(
      '--allow-incomplete',
      'exit 0 even when a file could not be read and its application is incomplete',
    )
    .option(
      '--fixes',
      "attach migrate's edits to legacy-kms-client findings (default for --format sarif and rdjsonl)",
    )
    .option('--no-fixes', 'leave fixes out, also of SARIF and rdjsonl')
    .option(
      '--since <ref>',
      'report only files changed since the merge base of this git ref and HEAD (their applications are judged whole)',
    )
    .option(
      '--baseline <file>',
      'report only findings not in this earlier --format json or sarif report (or --write-baseline file); exit by those alone',
    )
    .option('--write-baseline <file>', 'also write the findings of this scan as a baseline file')
    .option('--verbose', 'text report: also say what the cache did and why files were parsed again');
  addCacheOptions(cmd).action(statusAction('scan', runScan));
}
