import type { Octokit } from '@octokit/rest';
import { rdjsonlLine } from '../report/rdjsonl.js';
import type { ToolInfo } from '../report/summary.js';
import { annotations, annotationsOverflow } from './annotations.js';
import type { GitHubTarget } from './github-context.js';
import { CannotWriteError, GitHubPullRequest, ReviewRejectedError } from './github-review.js';
import { gitlabReport } from './gitlab.js';
import type { PreparedReview } from './prepare.js';
import { type PostedComment, planReview, type ReviewOptions, type ReviewPlan } from './review-plan.js';
import { reviewSummary, type SummaryInput } from './summary.js';

export const REPORTERS = ['github-pr-review', 'github-annotations', 'rdjsonl', 'gitlab'] as const;
export type Reporter = (typeof REPORTERS)[number];

/** What a reporter produced: the plan (its kept findings set the exit code) and what to print where. */
export interface ReviewOutcome {
  plan: ReviewPlan;
  /** Printed on stdout, or written to `-o` (annotations always go to stdout: they are workflow commands). */
  output: string;
  /** Appended to `$GITHUB_STEP_SUMMARY` when it is set. */
  stepSummary?: string;
  /** One line each on stderr. */
  notes: string[];
  /** What the GitHub reporter did. */
  github?: {
    review: { comments: number } | null;
    deleted: number;
    summary: 'created' | 'updated' | 'unchanged';
  };
}

function summaryInput(p: PreparedReview, plan: ReviewPlan, opts: ReviewOptions, tool: ToolInfo) {
  return {
    plan,
    apps: p.apps,
    options: opts,
    tool,
    git: { base: p.git.ref, mergeBase: p.git.mergeBase, head: p.git.head },
    silenced: p.result.findings.filter((f) => f.suppressed && f.baselineState !== 'unchanged').length,
    accepted: p.result.findings.filter((f) => f.baselineState === 'unchanged').length,
  } satisfies Omit<SummaryInput, 'shownAs'>;
}

function planFor(p: PreparedReview, opts: ReviewOptions, posted: readonly PostedComment[] = []): ReviewPlan {
  return planReview(
    { findings: p.findings, diff: p.diff, dirty: p.dirty, textOf: p.textOf, encodings: p.encodings, posted },
    opts,
  );
}

/** The body of the review that carries the line comments. */
export function reviewBody(plan: ReviewPlan): string {
  const more = plan.overLimit.length + plan.offHunk.length;
  return `kms-codemod: ${plan.comments.length} new finding(s) on the lines this pull request changes${more ? ` (${more} more are listed in the summary comment)` : ''}. The summary comment has each application's verdict and the commands to run.`;
}

/** `--dry-run`: the review and the summary the GitHub reporter would post on a first run, as JSON. */
export function dryRun(p: PreparedReview, opts: ReviewOptions, tool: ToolInfo): ReviewOutcome {
  const plan = planFor(p, opts);
  const summary = reviewSummary({ ...summaryInput(p, plan, opts, tool), shownAs: 'comments' });
  const payload = {
    review:
      plan.comments.length > 0
        ? { commit_id: p.git.head, event: 'COMMENT', body: reviewBody(plan), comments: plan.comments }
        : null,
    summary: { body: summary },
    counts: {
      kept: plan.kept.length,
      comments: plan.comments.length,
      overLimit: plan.overLimit.length,
      offHunk: plan.offHunk.length,
      outsideDiff: plan.outsideDiff.length,
      belowLevel: plan.belowLevel.length,
    },
  };
  return { plan, output: `${JSON.stringify(payload, null, 2)}\n`, notes: [] };
}

export function annotationsReporter(
  p: PreparedReview,
  opts: ReviewOptions,
  tool: ToolInfo,
  notice?: string,
): ReviewOutcome {
  const plan = planFor(p, opts);
  const summary = reviewSummary({ ...summaryInput(p, plan, opts, tool), shownAs: 'annotations', notice });
  const noticeLine = notice
    ? `::notice title=kms-codemod::${notice.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}\n`
    : '';
  return {
    plan,
    output: noticeLine + annotations(plan.kept),
    stepSummary: `${summary}\n${annotationsOverflow(plan.kept)}`,
    notes: notice ? [notice] : [],
  };
}

export function rdjsonlReporter(p: PreparedReview, opts: ReviewOptions): ReviewOutcome {
  const plan = planFor(p, opts);
  return { plan, output: plan.kept.map((f) => `${rdjsonlLine(f, p.textOf)}\n`).join(''), notes: [] };
}

export function gitlabReporter(p: PreparedReview, opts: ReviewOptions): ReviewOutcome {
  const plan = planFor(p, opts);
  return { plan, output: gitlabReport(plan.kept), notes: [] };
}

export interface GitHubRun {
  client: Octokit;
  target: GitHubTarget;
  botLogin?: string;
}

const FORK_NOTICE =
  'kms-codemod could not write to this pull request (the token is read-only, as it is for a pull request from a fork), so its findings are shown as annotations on this run and in the job summary instead of review comments.';

/**
 * The GitHub reporter: reads the tool's earlier comments, posts one review with the new line
 * comments, deletes its comments whose finding is gone (unless someone answered), and edits the one
 * summary comment in place. When the token cannot write, it falls back to annotations and says so.
 */
export async function githubReporter(
  p: PreparedReview,
  opts: ReviewOptions,
  tool: ToolInfo,
  gh: GitHubRun,
): Promise<ReviewOutcome> {
  const pr = new GitHubPullRequest(gh.client, gh.target, gh.botLogin);
  const posted = await pr.postedComments();
  const plan = planFor(p, opts, posted);
  const summary = reviewSummary({ ...summaryInput(p, plan, opts, tool), shownAs: 'comments' });
  let wrote = false;
  try {
    if (plan.comments.length > 0) {
      await pr.postReview(p.git.head, reviewBody(plan), plan.comments);
      wrote = true;
    }
    for (const c of plan.stale) {
      await pr.deleteComment(c.id);
      wrote = true;
    }
    const done = await pr.upsertSummary(summary);
    return {
      plan,
      output: '',
      notes: [],
      github: {
        review: plan.comments.length > 0 ? { comments: plan.comments.length } : null,
        deleted: plan.stale.length,
        summary: done,
      },
    };
  } catch (err) {
    const cannot = err instanceof CannotWriteError;
    if (!(cannot || err instanceof ReviewRejectedError) || wrote) throw err;
    const notice = cannot
      ? FORK_NOTICE
      : `GitHub refused the review (${err.message}); its findings are shown as annotations on this run instead. Please report this: every comment was checked against the diff first.`;
    const fallback = annotationsReporter(p, opts, tool, notice);
    return { ...fallback, notes: [err.message, ...fallback.notes.filter((n) => n !== err.message)] };
  }
}
