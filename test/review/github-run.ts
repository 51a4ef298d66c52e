import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { applySuggestion } from '../../src/review/suggestion.js';
import { type CliRun, runCli } from '../cli/run-cli.js';
import type { FakeGitHub } from './fake-github.js';
import type { PrRepo } from './pr-repo.js';

export const OWNER = 'acme';
export const REPO = 'shop';
export const PULL = 7;
export const WRITE_TOKEN = 'ghs_write';
export const READ_TOKEN = 'ghs_fork';
export const PAT = 'ghp_person';

export const TOKENS = {
  [WRITE_TOKEN]: { login: 'github-actions[bot]', type: 'Bot' as const, write: true, user: false },
  [READ_TOKEN]: { login: 'github-actions[bot]', type: 'Bot' as const, write: false, user: false },
  [PAT]: { login: 'alice', type: 'User' as const, write: true, user: true },
};

const work = mkdtempSync(join(tmpdir(), 'kms-review-env-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ENV_KEYS = [
  'GITHUB_TOKEN',
  'GITHUB_REPOSITORY',
  'GITHUB_EVENT_PATH',
  'GITHUB_API_URL',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_BASE_REF',
] as const;

export interface ReviewRun extends CliRun {
  stepSummary: string;
}

/**
 * `kms-codemod review --base main` in the repository, as a pull_request workflow runs it: the
 * event file names the pull request and its head, the API is the fake's.
 */
export async function reviewOnGitHub(
  repo: PrRepo,
  gh: FakeGitHub,
  apiUrl: string,
  args: string[] = [],
  token = WRITE_TOKEN,
): Promise<ReviewRun> {
  gh.head = repo.head();
  const event = join(work, `event-${Date.now()}-${Math.random()}.json`);
  writeFileSync(event, JSON.stringify({ pull_request: { number: PULL, head: { sha: gh.head } } }));
  const summary = join(work, `summary-${Date.now()}-${Math.random()}.md`);
  writeFileSync(summary, '');
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    GITHUB_TOKEN: token,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: apiUrl,
    GITHUB_STEP_SUMMARY: summary,
  });
  delete process.env.GITHUB_BASE_REF;
  try {
    const r = await runCli(['review', '--base', 'main', ...args], { cwd: repo.dir });
    return { ...r, stepSummary: readFileSync(summary, 'utf8') };
  } finally {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

/** The ```suggestion block of a comment body, as lines (none: the lines are deleted). */
export function suggestionLines(body: string): string[] | undefined {
  const m = /^(`{3,})suggestion\n([\s\S]*?)^\1$/m.exec(body);
  if (!m) return undefined;
  return m[2] === '' ? [] : m[2].replace(/\n$/, '').split('\n');
}

/** The head file with a posted comment's suggestion applied, as GitHub's "Commit suggestion" does. */
export function withSuggestion(
  repo: PrRepo,
  c: { path: string; line: number | null; start_line?: number | null; body: string },
): string {
  const lines = suggestionLines(c.body);
  if (!lines) throw new Error(`no suggestion in the comment on ${c.path}`);
  const text = readFileSync(join(repo.dir, c.path), 'utf8');
  const last = Number(c.line);
  return applySuggestion(text, { first: c.start_line ?? last, last, lines });
}

/** What `migrate --write` makes of the head, in a copy of the work tree: file → text. */
export async function migratedCopy(repo: PrRepo, files: string[]): Promise<Record<string, string>> {
  const copy = mkdtempSync(join(tmpdir(), 'kms-review-migrated-'));
  try {
    cpSync(repo.dir, copy, { recursive: true, filter: (src) => !src.includes('/.git') });
    const r = await runCli(['migrate', '--write', '--no-config', copy]);
    if (r.code !== 0) throw new Error(`migrate --write exited ${r.code}: ${r.err}`);
    return Object.fromEntries(files.map((f) => [f, readFileSync(join(copy, f), 'utf8')]));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
