import { spawnSync } from 'node:child_process';
import { type ChangedFiles, changedFiles, SinceError } from '../workspace/changes.js';
import { type DiffFile, parseUnifiedDiff } from './diff-parse.js';

/**
 * What a pull request changed, read from the local clone (no API call, no 300-file limit). `files`
 * is `changedFiles`' list (the work tree against the merge base); `diff` is the committed change.
 */
export interface PrDiff extends ChangedFiles {
  /** The repository's top directory. */
  top: string;
  /** Files changed between the merge base and HEAD (committed), with their hunks. */
  diff: DiffFile[];
  /**
   * Files whose work tree differs from HEAD: their line numbers may not be HEAD's, so they get no
   * line comment (a build step or a formatter ran before the review?).
   */
  dirty: string[];
}

export class ReviewGitError extends Error {
  override name = 'UsageError';
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0)
    throw new ReviewGitError(`git ${args.join(' ')} failed in ${cwd}: ${(r.stderr ?? '').trim()}`);
  return r.stdout;
}

/**
 * The PR's diff: merge base of `base` and HEAD, then `git diff` between it and HEAD, with the
 * prefixes, quoting and rename detection fixed here rather than left to the user's git config.
 */
export async function prDiff(root: string, base: string): Promise<PrDiff> {
  let changes: ChangedFiles;
  try {
    changes = await changedFiles(root, base);
  } catch (err) {
    // The same git question as `scan --since`, asked here with --base.
    if (err instanceof SinceError) throw new ReviewGitError(err.message.replace(/^--since\b/, '--base'));
    throw err;
  }
  const top = git(root, ['rev-parse', '--show-toplevel']).trim();
  const text = git(top, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--unified=3',
    '--find-renames',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    changes.mergeBase,
    changes.head,
    '--',
  ]);
  const dirty = git(top, ['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', 'HEAD', '--'])
    .split('\0')
    .filter(Boolean);
  return { ...changes, top, diff: parseUnifiedDiff(text), dirty };
}

/**
 * The review's comments are anchored on HEAD's lines and posted on HEAD. A checkout of the merge
 * commit GitHub builds for a pull request (actions/checkout's default) has other line numbers
 * wherever the base moved: refuse it and say how to check out the head instead.
 */
export function assertHeadOfPullRequest(top: string, head: string, prHead: string | undefined): void {
  if (!prHead || prHead === head) return;
  const parents = git(top, ['rev-list', '--parents', '-n', '1', head]).trim().split(' ').slice(1);
  if (parents.includes(prHead))
    throw new ReviewGitError(
      `HEAD (${head.slice(0, 12)}) is the merge commit GitHub builds for the pull request, not its head (${prHead.slice(0, 12)}): check out the head so that comments land on the right lines (actions/checkout with ref: \${{ github.event.pull_request.head.sha }} and fetch-depth: 0)`,
    );
}
