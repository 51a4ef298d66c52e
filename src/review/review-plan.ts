import { type Finding, SEVERITY_RANK, type Severity } from '../model/index.js';
import { commentBody } from './comment-body.js';
import type { DiffIndex } from './diff-index.js';
import { type FilterMode, type Placement, placeFindings } from './filter.js';
import { isSuggestion, type NoSuggestion, type Suggestion, suggestionFor } from './suggestion.js';

/** A finding with its stable identity (`src/model/fingerprint.ts`, set by scan): its comment's marker. */
export type Fingerprinted = Finding & { fingerprint: string };

/** One line comment of a review, as the REST API takes it (`side` RIGHT: the head's lines). */
export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

/** A line comment an earlier run posted, found by its marker and its author. */
export interface PostedComment {
  id: number;
  fingerprint: string;
  path: string;
  line?: number | null;
  /** Someone other than the tool answered in its thread: it stays, even once its finding is gone. */
  replied: boolean;
}

export interface ReviewOptions {
  mode: FilterMode;
  /** The lowest severity reported; lower ones are only counted. */
  level: Severity;
  maxComments: number;
  /** Suggestions longer than this many lines go into a collapsed diff instead. */
  maxSuggestionLines?: number;
}

export interface ReviewInput {
  findings: readonly Fingerprinted[];
  diff: DiffIndex;
  /** Files whose work tree differs from HEAD: never commented on. */
  dirty?: ReadonlySet<string>;
  textOf: (file: string) => string | undefined;
  /** Files that are not UTF-8, by encoding: GitHub commits a suggestion as UTF-8, so they get none. */
  encodings?: ReadonlyMap<string, string>;
  /** The tool's comments on the pull request from earlier runs. */
  posted?: readonly PostedComment[];
}

/** What one run posts, keeps and removes, and what it only counts. */
export interface ReviewPlan {
  /** New line comments, at most `maxComments`, most severe first. */
  comments: ReviewComment[];
  /** The findings behind `comments`, in the same order. */
  commented: Fingerprinted[];
  /** Findings the filter kept at or above the level: what the exit code and every reporter count. */
  kept: Fingerprinted[];
  /** Kept findings that already have a comment from an earlier run. */
  alreadyPosted: Fingerprinted[];
  /** Kept findings on lines a comment may go to, beyond the comment limit. */
  overLimit: Fingerprinted[];
  /** Kept findings no comment may anchor on (not wholly in one hunk, or in a file changed after HEAD). */
  offHunk: Fingerprinted[];
  /** Findings the filter left out: on lines or files the pull request did not change. */
  outsideDiff: Fingerprinted[];
  /** Findings the filter kept below the level (counted only). */
  belowLevel: Fingerprinted[];
  /** Earlier comments whose finding is gone and that nobody answered: to delete. */
  stale: PostedComment[];
  /** Earlier comments whose finding is gone but that someone answered: left as they are. */
  staleAnswered: PostedComment[];
}

const bySeverityThenPlace = (a: Placement<Fingerprinted>, b: Placement<Fingerprinted>) =>
  SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
  a.finding.file.localeCompare(b.finding.file) ||
  a.first - b.first;

/**
 * Decides the review, with no I/O: which findings the filter keeps, which get a line comment (each
 * one validated against the parsed hunks, so the review cannot be refused with a 422), which
 * carry a ```suggestion, which are already posted, and which earlier comments are stale.
 */
export function planReview(input: ReviewInput, opts: ReviewOptions): ReviewPlan {
  const maxLines = opts.maxSuggestionLines ?? 50;
  const placed = placeFindings(input.findings, input.diff, opts.mode, input.dirty);
  const postedIds = new Set((input.posted ?? []).map((p) => p.fingerprint));
  const plan: ReviewPlan = {
    comments: [],
    commented: [],
    kept: [],
    alreadyPosted: [],
    overLimit: [],
    offHunk: [],
    outsideDiff: [],
    belowLevel: [],
    stale: [],
    staleAnswered: [],
  };
  /** Lines that already carry a suggestion: GitHub applies one suggestion per line in a batch. */
  const suggested = new Map<string, Set<number>>();
  for (const p of [...placed].sort(bySeverityThenPlace)) {
    const f = p.finding;
    if (!p.kept) {
      plan.outsideDiff.push(f);
      continue;
    }
    if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[opts.level]) {
      plan.belowLevel.push(f);
      continue;
    }
    plan.kept.push(f);
    if (!p.inHunk) plan.offHunk.push(f);
    else if (postedIds.has(f.fingerprint)) plan.alreadyPosted.push(f);
    else if (plan.comments.length >= opts.maxComments) plan.overLimit.push(f);
    else {
      const used = suggested.get(f.file) ?? new Set<number>();
      suggested.set(f.file, used);
      const suggestion = suggestionOf(p, input, used, maxLines);
      const [first, last] =
        suggestion && isSuggestion(suggestion) ? [suggestion.first, suggestion.last] : [p.first, p.last];
      if (suggestion && isSuggestion(suggestion)) for (let l = first; l <= last; l++) used.add(l);
      plan.comments.push({
        path: f.file,
        line: last,
        side: 'RIGHT',
        ...(first < last ? { start_line: first, start_side: 'RIGHT' as const } : {}),
        body: commentBody({ finding: f, suggestion, textOf: input.textOf }),
      });
      plan.commented.push(f);
    }
  }
  const current = new Set(input.findings.map((f) => f.fingerprint));
  for (const c of input.posted ?? []) {
    if (current.has(c.fingerprint)) continue;
    (c.replied ? plan.staleAnswered : plan.stale).push(c);
  }
  return plan;
}

/**
 * The fix as a suggestion over its lines and the finding's, when they lie in one hunk, are not too
 * many, and carry no other suggestion; otherwise why not (the comment shows the diff).
 */
function suggestionOf(
  p: Placement<Fingerprinted>,
  input: ReviewInput,
  used: ReadonlySet<number>,
  maxLines: number,
): Suggestion | NoSuggestion | undefined {
  const fix = p.finding.fix;
  const text = input.textOf(p.finding.file);
  if (!fix || text === undefined) return undefined;
  const cover = { first: p.first, last: p.last };
  const encoding = input.encodings?.get(p.finding.file);
  return suggestionFor(
    text,
    fix.edits,
    (first, last) => {
      if (encoding)
        return `the file is in ${encoding}, and GitHub would commit a suggestion in UTF-8 (migrate writes it back in ${encoding})`;
      const span = first === last ? `line ${first}` : `lines ${first}–${last}`;
      if (!input.diff.sameHunk(p.finding.file, first, last))
        return `it changes ${span}, outside the part of the file this pull request changes`;
      if (last - first + 1 > maxLines) return `it changes ${span}, too many for one suggestion`;
      for (let l = first; l <= last; l++)
        if (used.has(l)) return `another suggestion already changes line ${l}`;
      return true;
    },
    cover,
  );
}
