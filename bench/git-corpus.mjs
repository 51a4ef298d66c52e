// A git copy of the bench corpus, committed once per corpus version, for the benches that need history
// (--since, a pull request). Returns a `git` runner in the copy.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** `git` in `dir`, throwing with git's message on failure; returns its trimmed stdout. */
export function gitIn(dir) {
  return (...args) => {
    const r = spawnSync('git', ['-c', 'core.autocrlf=false', ...args], {
      cwd: dir,
      env: GIT_ENV,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
}

/**
 * Copies `base` (a generated corpus with its VERSION file) to `copy` and commits it on `branch`, unless
 * the copy already holds that version; the copy's .git is left out by the scan and by grep alike.
 */
export function ensureGitCopy(base, copy, branch) {
  const git = gitIn(copy);
  const version = readFileSync(join(base, 'VERSION'), 'utf8');
  const ready = join(copy, '.git', 'kms-bench-base');
  if (!existsSync(ready) || readFileSync(ready, 'utf8') !== version) {
    process.stderr.write(`copying ${base} to ${copy} and committing it ...\n`);
    rmSync(copy, { recursive: true, force: true });
    spawnSync('cp', ['-r', base, copy]);
    git('init', '-q', '-b', branch);
    git('add', '-A');
    git('commit', '-qm', 'base');
    writeFileSync(ready, version);
  }
  return git;
}
