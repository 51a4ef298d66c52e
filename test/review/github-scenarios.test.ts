import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github.js';
import {
  migratedCopy,
  OWNER,
  PAT,
  PULL,
  READ_TOKEN,
  REPO,
  reviewOnGitHub,
  suggestionLines,
  TOKENS,
  WRITE_TOKEN,
  withSuggestion,
} from './github-run.js';
import { type PrRepo, prRepos } from './pr-repo.js';

const ROOT = join(import.meta.dirname, '../..');
const FIX = (lang: string, scenario: string, file: string) =>
  readFileSync(join(ROOT, 'fixtures/rules/legacy-kms-client', lang, scenario, 'before', file), 'utf8');
const P = `/repos/${OWNER}/${REPO}`;
const newRepo = prRepos();

/** Every fake started here, so the last test can check none of them ever refused a review. */
const fakes: FakeGitHub[] = [];
async function fake(repo: PrRepo, extra: Partial<ConstructorParameters<typeof FakeGitHub>[0]> = {}) {
  const gh = new FakeGitHub({
    owner: OWNER,
    repo: REPO,
    pull: PULL,
    repoDir: repo.dir,
    base: 'main',
    tokens: TOKENS,
    ...extra,
  });
  fakes.push(gh);
  return { gh, url: await gh.start() };
}
afterAll(async () => {
  for (const gh of fakes) await gh.stop();
});

const JAVA_IMPORTS = `package com.acme;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
`;
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `    static int f${i}() { return ${i}; }\n`).join('');
const far = (body: string) =>
  `${JAVA_IMPORTS}
public class Far {
${filler(20)}
    static EncryptRequest request() { return new EncryptRequest(); }

    static IAcsClient build(DefaultProfile profile) {
        ${body}
    }
}
`;

describe('github-pr-review: what stays out of line comments', () => {
  it('a finding outside the diff goes to the summary only, and does not fail the check', async () => {
    const app = FIX('java', 'withComments', 'App.java');
    const repo = newRepo({ 'src/App.java': app });
    repo.commit({ 'src/App.java': `${app}// a note at the end of the file\n` });
    const { gh, url } = await fake(repo);
    const r = await reviewOnGitHub(repo, gh, url, ['--fail-on', 'warning']);
    expect(r.code).toBe(0);
    expect(gh.reviews).toEqual([]);
    expect(gh.reviewComments).toEqual([]);
    const summary = gh.issueComments[0].body;
    expect(summary).toMatch(/Outside the diff \(not counted for the check\) \(1\)/);
    expect(summary).toMatch(/`src\/App\.java:\d+` `legacy-kms-client`/);
    // With --filter-mode file, the same finding is kept (the file changed) but no comment can anchor on it.
    gh.reset();
    const kept = await reviewOnGitHub(repo, gh, url, ['--filter-mode', 'file', '--fail-on', 'warning']);
    expect(kept.code).toBe(1);
    expect(gh.reviews).toEqual([]);
    expect(gh.issueComments[0].body).toMatch(/On changed lines that no line comment can anchor on \(1\)/);
  }, 60_000);

  it('a fix whose edits span two hunks: no suggestion block, the diff collapsed with the migrate command', async () => {
    const repo = newRepo({ 'src/Far.java': far('return null;') });
    repo.commit({ 'src/Far.java': far('return new DefaultAcsClient(profile);') });
    const { gh, url } = await fake(repo);
    await reviewOnGitHub(repo, gh, url);
    expect(gh.reviewComments).toHaveLength(1);
    const [c] = gh.reviewComments;
    expect(suggestionLines(c.body)).toBeUndefined();
    expect(c.body).toMatch(
      /<details><summary>The rewrite <code>kms-codemod migrate<\/code> makes \(not a suggestion: it changes lines \d+–\d+, outside the part of the file this pull request changes\)<\/summary>/,
    );
    expect(c.body).toContain('```diff\ndiff --git a/src/Far.java b/src/Far.java');
    expect(c.body).toContain('+import com.aliyun.kms.KmsTransferAcsClient;');
    expect(c.body).toContain('Apply it with `kms-codemod migrate . --write`.');
    // Anchored on the finding's own line, inside the hunk.
    const line =
      far('return new DefaultAcsClient(profile);')
        .split('\n')
        .findIndex((l) => l.includes('new DefaultAcsClient')) + 1;
    expect(c.line).toBe(line);
  }, 60_000);
});

describe('github-pr-review: limits, forks, rate limits', () => {
  const clientFile = (i: number) =>
    `import os\n\nfrom aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n\nclient_${i} = AcsClient(os.environ["AK"], os.environ["SK"], "cn-hangzhou")\nrequest = EncryptRequest()\n`;
  const four = Object.fromEntries([1, 2, 3, 4].map((i) => [`app/mod${i}.py`, clientFile(i)]));

  it('more findings than the comment limit: the limit per run, the rest listed; the next run posts them', async () => {
    const repo = newRepo({ 'app/requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit(four);
    const { gh, url } = await fake(repo);
    await reviewOnGitHub(repo, gh, url, ['--max-comments', '2']);
    expect(gh.reviews.map((r) => r.comments)).toEqual([2]);
    expect(gh.reviews[0].body).toContain('(2 more are listed in the summary comment)');
    expect(gh.issueComments[0].body).toMatch(/More than the limit of 2 comments a run \(2\)/);
    gh.reset();
    await reviewOnGitHub(repo, gh, url, ['--max-comments', '2']);
    expect(gh.reviews.map((r) => r.comments)).toEqual([2, 2]);
    expect(new Set(gh.reviewComments.map((c) => c.path)).size).toBe(4);
    expect(gh.issueComments[0].body).not.toContain('More than the limit');
  }, 60_000);

  it('a read-only token (a fork pull request): annotations and the job summary instead, with a notice', async () => {
    const repo = newRepo({ 'app/requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit({ 'app/mod1.py': clientFile(1) });
    const { gh, url } = await fake(repo);
    const r = await reviewOnGitHub(repo, gh, url, ['--fail-on', 'warning'], READ_TOKEN);
    expect(r.code).toBe(1);
    expect(gh.requests.filter((q) => q.method !== 'GET').map((q) => `${q.method} ${q.status}`)).toEqual([
      'POST 403',
    ]);
    expect(gh.reviewComments).toEqual([]);
    expect(r.out).toMatch(/^::notice title=kms-codemod::kms-codemod could not write to this pull request/m);
    expect(r.out).toMatch(
      /^::warning file=app\/mod1\.py,line=6,endLine=6,col=\d+,endColumn=\d+,title=kms-codemod legacy-kms-client::Legacy KMS client/m,
    );
    expect(r.err).toContain('posting the review: 403 Resource not accessible by integration');
    expect(r.stepSummary).toContain('## kms-codemod: KMS migration check');
    expect(r.stepSummary).toContain('> [!NOTE]');
    expect(r.stepSummary).toContain('1 annotation on this run');
  }, 60_000);

  it('a rate-limit answer is waited out and retried by the plugin, and the review is posted once', async () => {
    const repo = newRepo({ 'app/requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit({ 'app/mod1.py': clientFile(1) });
    const { gh, url } = await fake(repo);
    gh.inject.push(
      {
        method: 'GET',
        path: /\/pulls\/\d+\/comments$/,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
        body: { message: 'API rate limit exceeded for installation.' },
      },
      {
        method: 'POST',
        path: /\/reviews$/,
        status: 403,
        headers: { 'retry-after': '1' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
      },
    );
    const r = await reviewOnGitHub(repo, gh, url);
    expect(r.code).toBe(0);
    const seen = gh.requests.map((q) => `${q.method} ${q.path.replace(P, '')} ${q.status}`);
    expect(seen).toEqual([
      'GET /user 403',
      `GET /pulls/${PULL}/comments 403`,
      `GET /pulls/${PULL}/comments 200`,
      `POST /pulls/${PULL}/reviews 403`,
      `POST /pulls/${PULL}/reviews 200`,
      `GET /issues/${PULL}/comments 200`,
      `POST /issues/${PULL}/comments 201`,
    ]);
    expect(gh.reviews).toHaveLength(1);
    expect(r.err).toContain('secondary rate limit on POST');
  }, 60_000);

  it('pages of earlier comments are all read (Link headers), so nothing is posted twice', async () => {
    const repo = newRepo({ 'app/requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit(four);
    const { gh, url } = await fake(repo, { maxPage: 1 });
    await reviewOnGitHub(repo, gh, url);
    expect(gh.reviewComments).toHaveLength(4);
    gh.reset();
    await reviewOnGitHub(repo, gh, url);
    expect(gh.requests.filter((q) => q.path.endsWith('/pulls/7/comments'))).toHaveLength(4);
    expect(gh.reviews).toHaveLength(1);
  }, 60_000);

  it('GitHub Enterprise (GITHUB_API_URL with /api/v3) and a personal token: the bot is whoever GET /user names', async () => {
    const repo = newRepo({ 'app/requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit({ 'app/mod1.py': clientFile(1) });
    const { gh, url } = await fake(repo, { prefix: '/api/v3' });
    expect(url).toMatch(/\/api\/v3$/);
    await reviewOnGitHub(repo, gh, url, [], PAT);
    expect(gh.reviewComments.map((c) => c.user.login)).toEqual(['alice']);
    // A summary marker in someone else's comment is not the tool's: it is neither edited nor counted.
    gh.issueComments.unshift({
      id: 1,
      body: '<!-- kms-codemod:v1 summary -->\nhijacked',
      user: { login: 'mallory', type: 'User' },
    });
    gh.reset();
    repo.commit({ 'README.md': 'x\n' });
    await reviewOnGitHub(repo, gh, url, [], PAT);
    expect(gh.issueComments[0].body).toContain('hijacked');
    expect(gh.writes().map((w) => w.method)).toEqual(['PATCH']);
  }, 60_000);
});

describe('github-pr-review in Python, Go and TypeScript: the suggestion is what migrate --write writes', () => {
  const cases = [
    {
      lang: 'python',
      file: 'app.py',
      manifest: { 'requirements.txt': 'aliyun-python-sdk-core==2.16.0\naliyun-python-sdk-kms==2.16.5\n' },
    },
    {
      lang: 'go',
      file: 'main.go',
      manifest: {
        'go.mod':
          'module example.com/kmsapp\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n',
      },
    },
    {
      lang: 'typescript',
      file: 'app.ts',
      manifest: {
        'package.json':
          '{\n  "name": "app",\n  "dependencies": {\n    "@alicloud/pop-core": "^1.8.0"\n  }\n}\n',
      },
    },
  ];
  it.each(cases)(
    '$lang',
    async ({ lang, file, manifest }) => {
      const repo = newRepo(manifest);
      repo.commit({ [file]: FIX(lang, 'withComments', file) });
      const { gh, url } = await fake(repo);
      const r = await reviewOnGitHub(repo, gh, url);
      expect(r.code).toBe(0);
      expect(gh.reviewComments).toHaveLength(1);
      const [c] = gh.reviewComments;
      expect(c.path).toBe(file);
      expect(suggestionLines(c.body)).toBeDefined();
      const migrated = await migratedCopy(repo, [file]);
      expect(withSuggestion(repo, c)).toBe(migrated[file]);
    },
    60_000,
  );
});

describe('the fake answers as GitHub does', () => {
  it('a comment outside the diff is refused with a 422, the whole review with it', async () => {
    const repo = newRepo({ 'a.txt': Array.from({ length: 30 }, (_, i) => `l${i + 1}\n`).join('') });
    repo.commit({
      'a.txt': Array.from({ length: 30 }, (_, i) => `l${i + 1}\n`)
        .join('')
        .replace('l20\n', 'L20\n'),
    });
    const { gh, url } = await fake(repo);
    gh.head = repo.head();
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const octokit = new Octokit({ auth: WRITE_TOKEN, baseUrl: url, log: quiet });
    const post = (line: number, start?: number) =>
      octokit.rest.pulls.createReview({
        owner: OWNER,
        repo: REPO,
        pull_number: PULL,
        commit_id: gh.head,
        event: 'COMMENT',
        body: 'x',
        comments: [
          {
            path: 'a.txt',
            line,
            side: 'RIGHT',
            body: 'y',
            ...(start ? { start_line: start, start_side: 'RIGHT' } : {}),
          },
        ],
      });
    await expect(post(5)).rejects.toMatchObject({ status: 422 });
    await expect(post(20, 10)).rejects.toMatchObject({ status: 422 });
    await expect(post(20, 17)).resolves.toMatchObject({ status: 200 });
  });

  it('no run of the tool in this file was ever answered with a 422', () => {
    const refused = fakes.flatMap((gh) =>
      gh.requests.filter((q) => q.status === 422 && q.token !== WRITE_TOKEN),
    );
    expect(fakes.length).toBeGreaterThan(5);
    expect(refused).toEqual([]);
  });
});
