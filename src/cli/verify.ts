import { type Command, InvalidArgumentError, Option } from 'commander';
import { defaultCacheDir } from '../toolchains/cache-dir.js';
import { NORMALIZED, parseNormalize } from '../verify/compare-output.js';
import {
  formatReport,
  PROFILES,
  type Profile,
  SAMPLE_LANGS,
  type SampleLang,
  VERIFY_FORMATS,
  type VerifyFormat,
  type VerifyReport,
} from '../verify/index.js';
import { verifyCommand } from '../verify/verify-command.js';
import { verifySamples } from '../verify/verify-samples.js';
import { defineCommand, statusAction, usageError } from './command.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import { type ReportFlags, reportOptions, useColor, writeReport } from './options.js';

interface VerifyFlags extends ReportFlags<VerifyFormat> {
  instance: 'software' | 'hsm' | 'both';
  lang?: SampleLang[];
  run?: string;
  before?: string;
  after?: string;
  normalize?: RegExp[];
  /** `--no-compare` sets it false. */
  compare: boolean;
  verbose?: boolean;
  keep?: boolean;
  cache?: string;
}

/** The two phases of an app run, from `--run` or `--before`/`--after`; undefined for the samples. */
function phasesOf(flags: VerifyFlags): { before: string; after: string } | string | undefined {
  const { run, before, after } = flags;
  if (run !== undefined && (before !== undefined || after !== undefined))
    return '--run is --before and --after with one command: give either --run, or both --before and --after';
  if (run !== undefined) return { before: run, after: run };
  if (before !== undefined && after !== undefined) return { before, after };
  if (before !== undefined)
    return '--before needs --after (the command that reads the data back after the move)';
  if (after !== undefined) return '--after needs --before (the command that writes the data before the move)';
  if (flags.normalize?.length || !flags.compare)
    return '--normalize and --no-compare apply to an app run: give --run, or --before and --after';
  return undefined;
}

const collectRegExp = (value: string, previous: RegExp[] = []): RegExp[] => {
  try {
    return [...previous, parseNormalize(value)];
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

function langList(value: string): SampleLang[] {
  const langs = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = langs.filter((l) => !SAMPLE_LANGS.includes(l as SampleLang));
  if (bad.length > 0 || langs.length === 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${SAMPLE_LANGS.join(', ')}; got "${value}"`,
    );
  }
  return langs as SampleLang[];
}

/** Merges the per-profile reports of `--run` into one. */
function merge(reports: (VerifyReport & { workDir: string })[]): VerifyReport & { workDir: string } {
  return {
    ok: reports.every((r) => r.ok),
    results: reports.flatMap((r) => r.results),
    toolchains: [],
    problems: reports.flatMap((r) => r.problems),
    totalMs: reports.reduce((a, r) => a + r.totalMs, 0),
    workDir: reports.map((r) => r.workDir).join(', '),
  };
}

async function runVerify(dirs: string[], flags: VerifyFlags): Promise<ExitStatus> {
  const profiles: Profile[] = flags.instance === 'both' ? [...PROFILES] : [flags.instance];
  const onProgress = flags.quiet ? undefined : (line: string) => process.stderr.write(`verify: ${line}\n`);
  const onOutput = flags.verbose ? (line: string) => process.stderr.write(`  | ${line}\n`) : undefined;
  const phases = phasesOf(flags);
  if (typeof phases === 'string') return usageError('verify', phases);
  let report: VerifyReport & { workDir: string };
  if (phases) {
    if (dirs.length > 1) return usageError('verify', '--run/--before/--after take one application directory');
    const reports = [];
    for (const profile of profiles) {
      reports.push(
        await verifyCommand({
          ...phases,
          appDir: dirs[0] ?? process.cwd(),
          profile,
          keep: flags.keep,
          compare: flags.compare,
          normalize: flags.normalize,
          onProgress: onProgress && ((line) => onProgress(`[${profile}] ${line}`)),
          onOutput: onOutput && ((line) => onOutput(`[${profile}] ${line}`)),
        }),
      );
    }
    report = merge(reports);
  } else {
    report = await verifySamples({
      dirs,
      profiles,
      langs: flags.lang,
      keep: flags.keep,
      cacheDir: flags.cache,
      onProgress,
      onOutput,
    });
  }
  writeReport(formatReport(report, flags.format, { color: useColor(flags), verbose: flags.verbose }), flags);
  return report.ok ? 'ok' : 'failure';
}

export function registerVerify(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'verify',
    description:
      'Prove a migration with the real SDKs against the embedded KMS. Samples: run each one through the gateway, move the keys, migrate a copy, ' +
      'run it against the instance and compare results, old ciphertexts, gateway calls, blocked calls and TLS. Your app: --before writes ' +
      'its data through the gateway, the keys move, --after reads it back with the migrated app against the instance, in the same directory.',
    exitStatus: {
      ok: 'every sample run (or your app, on every profile) passed every check',
      failure: 'a check failed (the report names the sample or app, the profile, the check and its evidence)',
      usage: USAGE_OR_ERROR,
    },
  }).argument(
    '[dirs...]',
    'sample directories with a sample.json (default: every bundled sample); with --run or --before/--after: the application directory',
  );
  reportOptions(cmd, VERIFY_FORMATS, 'text')
    .addOption(
      new Option('--instance <profile>', 'instance profile(s) to verify against')
        .choices(['software', 'hsm', 'both'])
        .default('both'),
    )
    .option('--lang <langs>', `only samples in these languages (${SAMPLE_LANGS.join(',')})`, langList)
    .option(
      '--before <command>',
      'your app, before the move: this shell command runs the unmodified app through the shared gateway and writes its data in the work directory',
    )
    .option(
      '--after <command>',
      'your app, after the move: this shell command runs the migrated app in the same work directory against the instance and reads the data back',
    )
    .option('--run <command>', 'shorthand for --before <command> --after <command>')
    .option(
      '--normalize <regex>',
      `replace matches with ${NORMALIZED} in both outputs before comparing them (timestamps, ids); repeatable`,
      collectRegExp,
    )
    .option(
      '--no-compare',
      "do not compare the after command's output on the unmodified and the migrated app",
    )
    .option('--verbose', "print every command's output as it runs, and every check's evidence")
    .option('--keep', 'keep the work directory (copies, builds, logs, transcripts) and print where it is')
    .option('--cache <dir>', `toolchain cache directory (default: ${defaultCacheDir()})`)
    .action(statusAction('verify', runVerify));
}
