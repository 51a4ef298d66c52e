/**
 * The environment for git in a throw-away test repository: a fixed identity (commits work on a machine
 * with no git config) and no system config, plus what the test adds (its own HOME, say).
 */
export function testGitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}
