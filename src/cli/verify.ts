import { type Command, InvalidArgumentError, Option } from 'commander';
import { defaultCacheDir } from '../toolchains/cache-dir.js';
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
import { type ReportFlags, reportOptions, writeReport } from './options.js';

interface VerifyFlags extends ReportFlags<VerifyFormat> {
  instance: 'software' | 'hsm' | 'both';
  lang?: SampleLang[];
  run?: string;
  keep?: boolean;
  cache?: string;
}

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
  let report: VerifyReport & { workDir: string };
  if (flags.run !== undefined) {
    if (dirs.length > 1) return usageError('verify', '--run takes one application directory');
    const reports = [];
    for (const profile of profiles) {
      reports.push(
        await verifyCommand({
          command: flags.run,
          appDir: dirs[0] ?? process.cwd(),
          profile,
          keep: flags.keep,
          onProgress,
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
    });
  }
  writeReport(formatReport(report, flags.format), flags);
  return report.ok ? 'ok' : 'failure';
}

export function registerVerify(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'verify',
    description:
      'Prove a migration with the real SDKs against the embedded KMS: run each sample (or your command) through the gateway, move the keys, ' +
      'migrate a copy, run it against the instance and compare results, old ciphertexts, gateway calls, blocked calls and TLS.',
    exitStatus: {
      ok: 'every sample run (or your command) passed every check',
      failure: 'a check failed (the report names the sample, the profile and the check)',
      usage: USAGE_OR_ERROR,
    },
  }).argument(
    '[dirs...]',
    'sample directories with a sample.json (default: every bundled sample); with --run: the application directory',
  );
  reportOptions(cmd, VERIFY_FORMATS, 'text')
    .addOption(
      new Option('--instance <profile>', 'instance profile(s) to verify against')
        .choices(['software', 'hsm', 'both'])
        .default('both'),
    )
    .option('--lang <langs>', `only samples in these languages (${SAMPLE_LANGS.join(',')})`, langList)
    .option(
      '--run <command>',
      "verify your own app: run this shell command before and after the rewrite with the mock's environment",
    )
    .option('--keep', 'keep the work directory (copies, builds, logs, transcripts) and print where it is')
    .option('--cache <dir>', `toolchain cache directory (default: ${defaultCacheDir()})`)
    .action(statusAction('verify', runVerify));
}
