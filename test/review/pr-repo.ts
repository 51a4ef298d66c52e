import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A git repository a test builds: a base commit on `main`, then the pull request's commits on `feature`. */
export class PrRepo {
  private constructor(readonly dir: string) {}

  static create(made: string[], base: Record<string, string | Buffer>): PrRepo {
    const dir = mkdtempSync(join(tmpdir(), 'kms-review-pr-'));
    made.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'dev@example.com');
    git(dir, 'config', 'user.name', 'Dev');
    git(dir, 'config', 'commit.gpgsign', 'false');
    const repo = new PrRepo(dir);
    repo.write(base);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'base');
    git(dir, 'checkout', '-q', '-b', 'feature');
    return repo;
  }

  /** Writes files (null deletes one) without committing. */
  write(files: Record<string, string | Buffer | null>): void {
    for (const [rel, text] of Object.entries(files)) {
      const p = join(this.dir, rel);
      if (text === null) rmSync(p, { force: true });
      else {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
    }
  }

  /** A commit on the current branch; returns its sha. */
  commit(files: Record<string, string | Buffer | null>, message = 'change'): string {
    this.write(files);
    git(this.dir, 'add', '-A');
    git(this.dir, 'commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  head(): string {
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  git(...args: string[]): string {
    return git(this.dir, ...args);
  }
}

/** PrRepo.create with the repositories removed after the test file. */
export function prRepos(): (base: Record<string, string>) => PrRepo {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (base) => PrRepo.create(made, base);
}
