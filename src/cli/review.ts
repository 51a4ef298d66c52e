import { appendFileSync, existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type AppResult, SEVERITY_RANK, type Severity } from '../model/index.js';
import { FILTER_MODES, type FilterMode } from '../review/filter.js';
import { githubClient } from '../review/github-client.js';
import { githubTarget } from '../review/github-context.js';
import { GITLAB_REPORT_FILE } from '../review/gitlab.js';
import { assertHeadOfPullRequest } from '../review/pr-diff.js';
import { prepareReview } from '../review/prepare.js';
import {
  annotationsReporter,
  dryRun,
  githubReporter,
  gitlabReporter,
  REPORTERS,
  type Reporter,
  type ReviewOutcome,
  rdjsonlReporter,
} from '../review/reporters.js';
import type { ReviewOptions } from '../review/review-plan.js';
import { addCacheOptions, type CacheFlags, cacheOption } from './cache-options.js';
import { defineCommand, statusAction, usageError } from './command.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import { type ConfigFlags, configOptions, outputOptions, progressFor, writeReport } from './options.js';
import { positiveInt, readingOptions } from './reading-options.js';
import { toolVersion } from './version.js';

type FailOn = Severity | 'none';

interface ReviewFlags extends ConfigFlags, CacheFlags {
  base?: string;
  reporter: Reporter;
  filterMode: FilterMode;
  level: Severity;
  failOn: FailOn;
  maxComments: number;
  pr?: number;
  botLogin?: string;
  dryRun?: boolean;
  output?: string;
  quiet?: boolean;
  ignore: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  encoding?: string;
  allowIncomplete?: boolean;
  baseline?: string;
}

/** The base when none is given: the pull request's target branch in GitHub Actions. */
function defaultBase(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : undefined;
}

/**
 * Exit code over the findings the filter kept (ARCHITECTURE.md "Exit codes"); an application the pull
 * request touches that could not be read in full is never clean, as for `scan`.
 */
export function reviewStatus(
  outcome: ReviewOutcome,
  apps: readonly AppResult[],
  failOn: FailOn,
  allowIncomplete = false,
): ExitStatus {
  if (!allowIncomplete && apps.some((a) => a.verdict === 'incomplete')) return 'failure';
  if (failOn === 'none') return 'ok';
  return outcome.plan.kept.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 'failure' : 'ok';
}

function describeGitHub(o: ReviewOutcome): string {
  const g = o.github;
  if (!g) return '';
  const parts = [
    g.review ? `posted a review with ${g.review.comments} comment(s)` : 'no new comment to post',
  ];
  if (g.deleted) parts.push(`deleted ${g.deleted} comment(s) whose finding is gone`);
  parts.push(`summary comment ${g.summary}`);
  return `kms-codemod review: ${parts.join('; ')}\n`;
}

async function runReview(paths: string[], flags: ReviewFlags): Promise<ExitStatus> {
  const base = flags.base ?? defaultBase(process.env);
  if (!base)
    return usageError(
      'review',
      'give the pull request base: --base REF (in GitHub Actions, GITHUB_BASE_REF sets it)',
    );
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) return usageError('review', `no such file or directory: ${missing.join(', ')}`);
  const opts: ReviewOptions = { mode: flags.filterMode, level: flags.level, maxComments: flags.maxComments };
  const tool = { name: 'kms-codemod', version: toolVersion() };
  // The GitHub settings are checked before the scan, so a missing token costs nothing.
  const target =
    flags.reporter === 'github-pr-review' && !flags.dryRun ? githubTarget(process.env, flags.pr) : undefined;
  const progress = progressFor(flags);
  let prepared: Awaited<ReturnType<typeof prepareReview>>;
  try {
    prepared = await prepareReview({
      base,
      paths,
      config: flags.config,
      ignore: flags.ignore,
      includeVendored: flags.includeVendored,
      maxFileSize: flags.maxFileSize,
      encoding: flags.encoding,
      baseline: flags.baseline,
      cache: cacheOption(flags),
      mode: flags.filterMode,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.clear();
  }
  let outcome: ReviewOutcome;
  if (flags.dryRun) outcome = dryRun(prepared, opts, tool);
  else if (flags.reporter === 'github-annotations') outcome = annotationsReporter(prepared, opts, tool);
  else if (flags.reporter === 'rdjsonl') outcome = rdjsonlReporter(prepared, opts);
  else if (flags.reporter === 'gitlab') outcome = gitlabReporter(prepared, opts);
  else {
    if (!target) throw new Error('unreachable: no GitHub target');
    assertHeadOfPullRequest(prepared.git.top, prepared.git.head, target.eventHeadSha);
    const client = githubClient({
      token: target.token,
      baseUrl: target.apiUrl,
      userAgent: `kms-codemod/${tool.version}`,
      onWait: (m) => process.stderr.write(`kms-codemod review: ${m}\n`),
    });
    outcome = await githubReporter(prepared, opts, tool, { client, target, botLogin: flags.botLogin });
  }
  const annotationsOut = !flags.dryRun && outcome.stepSummary !== undefined;
  if (annotationsOut) process.stdout.write(outcome.output);
  else if (outcome.output) {
    const output =
      flags.output ?? (flags.reporter === 'gitlab' && !flags.dryRun ? GITLAB_REPORT_FILE : undefined);
    writeReport(outcome.output, { output });
    if (output && !flags.quiet) process.stderr.write(`kms-codemod review: wrote ${output}\n`);
  }
  if (outcome.stepSummary !== undefined) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file) appendFileSync(file, `${outcome.stepSummary}\n`);
    else if (!flags.quiet)
      process.stderr.write(
        'kms-codemod review: GITHUB_STEP_SUMMARY is not set, so no job summary was written\n',
      );
  }
  if (!flags.quiet) {
    for (const n of outcome.notes) process.stderr.write(`kms-codemod review: ${n}\n`);
    process.stderr.write(describeGitHub(outcome));
  }
  return reviewStatus(outcome, prepared.apps, flags.failOn, flags.allowIncomplete);
}

export function registerReview(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'review',
    description:
      'Review a pull request: comments with suggested changes on the lines it adds, and one summary (or annotations, rdjsonl, GitLab Code Quality).',
    exitStatus: {
      ok: 'no finding the filter kept is at or above --fail-on',
      failure:
        'a finding the filter kept is at or above --fail-on (default: error), or an application the pull request touches is incomplete',
      usage: `${USAGE_OR_ERROR}; no base, not a git repository, a missing GitHub setting, or GitHub refused a request`,
    },
  }).argument('[paths...]', 'files or directories to review (default: the whole repository)');
  outputOptions(cmd);
  configOptions(cmd)
    .option(
      '--base <ref>',
      'the pull request base: the diff starts at its merge base with HEAD (default: origin/$GITHUB_BASE_REF)',
    )
    .addOption(
      new Option('--reporter <name>', 'where the review goes')
        .choices([...REPORTERS])
        .default('github-pr-review'),
    )
    .addOption(
      new Option(
        '--filter-mode <mode>',
        "which findings count: on added lines, in the diff's hunks, in changed files, or all",
      )
        .choices([...FILTER_MODES])
        .default('added'),
    )
    .addOption(
      new Option('--level <severity>', 'the lowest severity reported (lower ones are counted in the summary)')
        .choices(['error', 'warning', 'info'])
        .default('warning'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a kept finding is at or above this severity')
        .choices(['error', 'warning', 'info', 'none'])
        .default('error'),
    )
    .option(
      '--max-comments <n>',
      'line comments per run; the rest are listed in the summary',
      positiveInt('comments'),
      30,
    )
    .option(
      '--pr <number>',
      'the pull request (default: from the event in GITHUB_EVENT_PATH)',
      positiveInt('a pull request'),
    )
    .option(
      '--bot-login <login>',
      'the login the token posts as (default: GET /user, else github-actions[bot])',
    )
    .option('--dry-run', 'print the review and the summary as JSON; post nothing');
  readingOptions(cmd)
    .option(
      '--allow-incomplete',
      'exit 0 even when an application the pull request touches could not be read in full',
    )
    .option(
      '--baseline <file>',
      'comment only on findings not in this earlier scan --format json or sarif report (or --write-baseline file)',
    );
  addCacheOptions(cmd).action(statusAction('review', runReview));
}
