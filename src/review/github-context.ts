import { readFileSync } from 'node:fs';

/** Where the review goes: the repository, the pull request, the API and the credentials. */
export interface GitHubTarget {
  owner: string;
  repo: string;
  pull: number;
  apiUrl: string;
  token: string;
  /** The pull request's head commit as the event names it, when it does. */
  eventHeadSha?: string;
}

/** A setting the GitHub reporter needs is missing: say which, and where it comes from. */
export class GitHubSetupError extends Error {
  override name = 'UsageError';
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string } };
  number?: number;
}

function readEvent(path: string | undefined): PullRequestEvent {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestEvent;
  } catch (err) {
    throw new GitHubSetupError(
      `GITHUB_EVENT_PATH ${path} could not be read as JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/**
 * The target from the Actions environment (`GITHUB_TOKEN`, `GITHUB_REPOSITORY`, `GITHUB_EVENT_PATH`,
 * `GITHUB_API_URL`), with `--pr` winning over the event's number.
 */
export function githubTarget(env: NodeJS.ProcessEnv, pr?: number): GitHubTarget {
  const token = env.GITHUB_TOKEN;
  if (!token)
    throw new GitHubSetupError(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
      'the github-pr-review reporter needs GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}); use --dry-run to see the review without posting it',
    );
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0)
    throw new GitHubSetupError(`GITHUB_REPOSITORY must be owner/name, got '${repository}'`);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pull = pr ?? event.pull_request?.number ?? event.number;
  if (!pull)
    throw new GitHubSetupError(
      'no pull request number: run on a pull_request event (GITHUB_EVENT_PATH) or pass --pr N',
    );
  return {
    owner,
    repo,
    pull,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    token,
    eventHeadSha: pr === undefined ? event.pull_request?.head?.sha : undefined,
  };
}
