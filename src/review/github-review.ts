import type { Octokit } from '@octokit/rest';
import type { GitHubTarget } from './github-context.js';
import { isSummary, readCommentMarker, SUMMARY_MARKER } from './markers.js';
import type { PostedComment, ReviewComment } from './review-plan.js';

/** The login GITHUB_TOKEN's comments carry; `GET /user` answers 403 for that token. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The token may read but not write to the pull request (a fork's pull request, a read-only token). */
export class CannotWriteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CannotWriteError';
  }
}

/** GitHub refused the review's content (422): a comment it does not accept where it was put. */
export class ReviewRejectedError extends Error {
  override name = 'ReviewRejectedError';
}

const statusOf = (err: unknown): number | undefined =>
  typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : undefined;

function messageOf(err: unknown): string {
  const data = (err as { response?: { data?: { message?: string; errors?: unknown } } }).response?.data;
  const detail = data?.errors ? ` ${JSON.stringify(data.errors)}` : '';
  return `${data?.message ?? (err instanceof Error ? err.message : String(err))}${detail}`;
}

/**
 * A write that a read-only token cannot make becomes a CannotWriteError (403, or 404 where GitHub
 * hides the pull request from the token); anything else is rethrown with GitHub's message.
 */
async function write<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const status = statusOf(err);
    if (status === 403 || status === 404)
      throw new CannotWriteError(status, `${what}: ${status} ${messageOf(err)}`);
    if (status === 422) throw new ReviewRejectedError(`${what}: 422 ${messageOf(err)}`);
    throw new Error(`${what} failed: ${status ?? ''} ${messageOf(err)}`.replace(/ {2}/g, ' '));
  }
}

export class GitHubPullRequest {
  private login?: string;

  constructor(
    private readonly client: Octokit,
    private readonly target: GitHubTarget,
    botLogin?: string,
  ) {
    this.login = botLogin;
  }

  private get where() {
    return { owner: this.target.owner, repo: this.target.repo };
  }

  /** Who the token posts as: `--bot-login`, else `GET /user`, else the Actions bot. */
  async botLogin(): Promise<string> {
    if (this.login) return this.login;
    try {
      this.login = (await this.client.rest.users.getAuthenticated()).data.login;
    } catch {
      this.login = ACTIONS_BOT;
    }
    return this.login;
  }

  /** The pull request's head commit, as GitHub has it. */
  async headSha(): Promise<string> {
    const pr = await this.client.rest.pulls.get({ ...this.where, pull_number: this.target.pull });
    return pr.data.head.sha;
  }

  /** The tool's own line comments from earlier runs (marker and author), and whether anyone answered. */
  async postedComments(): Promise<PostedComment[]> {
    const login = await this.botLogin();
    const all = await this.client.paginate(this.client.rest.pulls.listReviewComments, {
      ...this.where,
      pull_number: this.target.pull,
      per_page: 100,
    });
    const out: PostedComment[] = [];
    for (const c of all) {
      const marker = readCommentMarker(c.body);
      if (!marker || c.user?.login !== login || c.in_reply_to_id) continue;
      const replied = all.some((r) => r.in_reply_to_id === c.id && r.user?.login !== login);
      out.push({ id: c.id, fingerprint: marker.fingerprint, path: c.path, line: c.line, replied });
    }
    return out;
  }

  /** One review with every new line comment (`event: COMMENT`, on the head commit). */
  async postReview(commitId: string, body: string, comments: readonly ReviewComment[]): Promise<void> {
    await write('posting the review', () =>
      this.client.rest.pulls.createReview({
        ...this.where,
        pull_number: this.target.pull,
        commit_id: commitId,
        event: 'COMMENT',
        body,
        comments: [...comments],
      }),
    );
  }

  async deleteComment(id: number): Promise<void> {
    await write(`deleting review comment ${id}`, () =>
      this.client.rest.pulls.deleteReviewComment({ ...this.where, comment_id: id }),
    );
  }

  /**
   * Edits the summary comment in place (found by its marker and author), or creates it; leaves it
   * alone when its text would not change. Returns what it did.
   */
  async upsertSummary(text: string): Promise<'created' | 'updated' | 'unchanged'> {
    const login = await this.botLogin();
    const body = `${SUMMARY_MARKER}\n${text}`;
    const comments = await this.client.paginate(this.client.rest.issues.listComments, {
      ...this.where,
      issue_number: this.target.pull,
      per_page: 100,
    });
    const mine = comments.find((c) => isSummary(c.body) && c.user?.login === login);
    if (mine && mine.body === body) return 'unchanged';
    if (mine) {
      await write('updating the summary comment', () =>
        this.client.rest.issues.updateComment({ ...this.where, comment_id: mine.id, body }),
      );
      return 'updated';
    }
    await write('posting the summary comment', () =>
      this.client.rest.issues.createComment({ ...this.where, issue_number: this.target.pull, body }),
    );
    return 'created';
  }
}
