import { existsSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { type Finding, SEVERITY_RANK, type Severity } from '../model/index.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { type ScanResult, scan } from '../scan/index.js';
import { progressLine } from './progress-line.js';
import { toolVersion } from './version.js';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  failOn: Severity;
  config?: string;
  ignore: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  /** Unset: fixes for SARIF only. */
  fixes?: boolean;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of bytes');
  return n;
}

/** Exit code per ARCHITECTURE.md: 1 when a finding is at or above the --fail-on threshold. */
export function exitCodeFor(findings: readonly Finding[], failOn: Severity): number {
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

/**
 * Fixes cost a rewrite of every migrating file; a plain scan (the benchmark's JSON) must not pay for
 * them, nor even load the rewriters, hence the import on demand.
 */
async function withFixes(result: ScanResult, flags: ScanFlags): Promise<ScanResult> {
  if (!(flags.fixes ?? flags.format === 'sarif')) return result;
  const { attachFixes } = await import('../migrate/scan-fixes.js');
  return attachFixes(result);
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'Find legacy KMS clients, blocked KMS calls and hard-coded credentials; judge each application.',
    )
    .argument('[paths...]', 'files or directories to scan (default: the current directory)')
    .addOption(
      new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('-c, --config <file>', 'config file (default: kms-codemod.config.json in the scanned directory)')
    .option(
      '--ignore <glob>',
      'gitignore-style glob to leave out (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--include-vendored', 'also scan vendor/, node_modules/ and third_party/')
    .option('--max-file-size <bytes>', 'skip files larger than this (default 2097152)', positiveInt)
    .option('--fixes', "attach migrate's edits to legacy-kms-client findings (default for --format sarif)")
    .option('--no-fixes', 'leave fixes out, also of SARIF')
    .action(async (paths: string[], flags: ScanFlags) => {
      const missing = paths.filter((p) => !existsSync(p));
      if (missing.length) {
        process.stderr.write(`kms-codemod scan: no such file or directory: ${missing.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const progress = progressLine();
      try {
        const result = await scan({
          paths: paths.length ? paths : undefined,
          config: flags.config,
          ignore: flags.ignore,
          includeVendored: flags.includeVendored,
          maxFileSize: flags.maxFileSize,
          onProgress: progress.onProgress,
        });
        progress.clear();
        const report = formatReport(flags.format, await withFixes(result, flags), {
          tool: { name: 'kms-codemod', version: toolVersion() },
          color: !flags.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
        });
        if (flags.output) writeFileSync(flags.output, report);
        else process.stdout.write(report);
        process.exitCode = exitCodeFor(result.findings, flags.failOn);
      } catch (err) {
        progress.clear();
        const msg = err instanceof ConfigError ? err.message : `scan failed: ${(err as Error).message}`;
        process.stderr.write(`kms-codemod scan: ${msg}\n`);
        process.exitCode = 2;
      }
    });
}
