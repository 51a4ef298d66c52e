import { basename, resolve } from 'node:path';
import { gitOutput } from './git-output.js';

/** Which repository a scan result belongs to, so that results from many repositories can be joined. */
export interface RepositoryInfo {
  /** `owner/name` from the `origin` remote, else the CI's name for it, else the directory name. */
  name: string;
  /** HEAD's commit, or null outside git. */
  commit: string | null;
  /** Files differ from that commit (the result is of the work tree, not of the commit alone). */
  dirty: boolean;
}

/** A git command's output, trimmed; undefined when it fails. */
const git = (cwd: string, args: string[]): Promise<string | undefined> =>
  gitOutput(cwd, args).then((out) => out?.trim());

/**
 * `owner/name` of a remote URL (https, ssh or scp-like), without its host or any credentials
 * (`https://x-access-token:…@github.com/acme/shop.git` → `acme/shop`): a token must never reach a report.
 */
export function repositoryName(url: string): string | undefined {
  const path = /^[\w.+-]+:\/\//.test(url)
    ? url.replace(/^[\w.+-]+:\/\/[^/]*\//, '')
    : /^[^/:]+@[^/:]+:/.test(url) || /^[^/:]+:/.test(url)
      ? url.slice(url.indexOf(':') + 1)
      : undefined;
  const name = path
    ?.replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .replace(/^\/+/, '');
  return name && /^[\w.-]+(\/[\w.-]+)+$/.test(name) ? name : undefined;
}

/**
 * The repository around `root`: its name and commit, as far as git and the CI environment say. Its git
 * commands run side by side, in the background (the CLI starts them with the scan).
 */
export async function repositoryInfo(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RepositoryInfo> {
  const [both, remote, status] = await Promise.all([
    git(root, ['rev-parse', '--show-toplevel', 'HEAD^{commit}']),
    git(root, ['config', '--get', 'remote.origin.url']),
    git(root, ['status', '--porcelain', '--untracked-files=no']),
  ]);
  // Fails in a repository with no commit yet: then there is a top and no commit.
  const [top, head] = both ? both.split('\n') : [await git(root, ['rev-parse', '--show-toplevel'])];
  if (!top) return { name: basename(resolve(root)), commit: null, dirty: false };
  const ci =
    env.GITHUB_WORKSPACE && resolve(env.GITHUB_WORKSPACE) === resolve(top)
      ? env.GITHUB_REPOSITORY
      : env.CI_PROJECT_DIR && resolve(env.CI_PROJECT_DIR) === resolve(top)
        ? env.CI_PROJECT_PATH
        : undefined;
  const name = (remote && repositoryName(remote)) || ci || basename(top);
  return { name, commit: head ?? null, dirty: (status ?? '') !== '' };
}
