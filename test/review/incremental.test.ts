import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { FakeGitHub } from './fake-github.js';
import { OWNER, PULL, REPO, reviewOnGitHub, TOKENS } from './github-run.js';
import { type PrRepo, prRepos } from './pr-repo.js';

// The review on the incremental engine's pieces: scan's fingerprints, inline suppressions, baselines
// and `--since`'s scope.

const newRepo = prRepos();
const fakes: FakeGitHub[] = [];
afterAll(async () => {
  for (const gh of fakes) await gh.stop();
});
async function fake(repo: PrRepo) {
  const gh = new FakeGitHub({
    owner: OWNER,
    repo: REPO,
    pull: PULL,
    repoDir: repo.dir,
    base: 'main',
    tokens: TOKENS,
  });
  fakes.push(gh);
  return { gh, url: await gh.start() };
}

const REQS = 'aliyun-python-sdk-kms==2.16.5\n';
const client = (name: string, tail = '') =>
  `${name} = AcsClient(os.environ["AK"], os.environ["SK"], "cn-hangzhou")${tail}\n`;
const module = (...clients: string[]) =>
  `import os\n\nfrom aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n\n${clients.join('')}request = EncryptRequest()\n`;

const fpOf = (body: string) => body.match(/fp=([0-9a-f]+)/)?.[1];

async function dryRun(repo: PrRepo, ...args: string[]) {
  const r = await runCli(['review', '--base', 'main', '--dry-run', '--no-config', ...args], {
    cwd: repo.dir,
  });
  expect(r.err).not.toMatch(/error/i);
  return JSON.parse(r.out) as {
    review: { comments: { path: string; line: number; body: string }[] } | null;
    summary: { body: string };
    counts: Record<string, number>;
  };
}

describe('review on the incremental engine', () => {
  it("a comment's fingerprint is scan's (the one SARIF and baselines carry); a suppression comment removes it", async () => {
    const repo = newRepo({ 'app/requirements.txt': REQS });
    repo.commit({ 'app/mod.py': module(client('c1')) });
    const { gh, url } = await fake(repo);
    await reviewOnGitHub(repo, gh, url);
    expect(gh.reviewComments).toHaveLength(1);
    const json = await runCli(['scan', repo.dir, '--format', 'json', '--no-config']);
    const scanned = JSON.parse(json.out).findings.find(
      (f: { ruleId: string }) => f.ruleId === 'legacy-kms-client',
    );
    expect(fpOf(gh.reviewComments[0].body)).toBe(scanned.fingerprint);
    // Silenced on a push: no new comment, and the bot's comment on it goes.
    repo.commit({
      'app/mod.py': module(
        `# kms-codemod-ignore-next-line legacy-kms-client -- batch job, migrated with the platform\n${client('c1')}`,
      ),
    });
    gh.reset();
    await reviewOnGitHub(repo, gh, url);
    expect(gh.writes().map((w) => `${w.method} ${w.status}`)).toEqual(['DELETE 204', 'PATCH 200']);
    expect(gh.reviewComments).toEqual([]);
    expect(gh.issueComments[0].body).toContain(
      'Not counted: 1 finding silenced by `kms-codemod-ignore` comments.',
    );
  }, 60_000);

  it('reads only the applications the pull request touches, as scan --since does; nofilter reads them all', async () => {
    const repo = newRepo({ 'old/requirements.txt': REQS, 'old/mod.py': module(client('legacy')) });
    repo.commit({ 'new/requirements.txt': REQS, 'new/mod.py': module(client('fresh')) });
    const added = await dryRun(repo);
    expect(added.counts).toMatchObject({ kept: 1, comments: 1, outsideDiff: 0 });
    expect(added.summary.body).toContain('`new`');
    expect(added.summary.body).not.toContain('`old`');
    const all = await dryRun(repo, '--filter-mode', 'nofilter');
    expect(all.counts).toMatchObject({ kept: 2 });
  }, 60_000);

  it('--baseline: a finding the baseline holds gets no comment, even on a line the pull request changes', async () => {
    const repo = newRepo({ 'app/requirements.txt': REQS, 'app/mod.py': module(client('c1')) });
    const baseline = join(repo.dir, '..', `baseline-${Date.now()}.json`);
    repo.git('checkout', '-q', 'main');
    const written = await runCli(['scan', repo.dir, '--write-baseline', baseline, '--no-config', '-q']);
    expect(readFileSync(baseline, 'utf8')).toContain('legacy-kms-client');
    expect(written.code).toBeLessThan(2);
    repo.git('checkout', '-q', 'feature');
    // The old client's line changes (a comment added), and a second client comes in.
    repo.commit({ 'app/mod.py': module(client('c1', '  # still on the gateway'), client('c2')) });
    const without = await dryRun(repo);
    expect(without.counts).toMatchObject({ kept: 2, comments: 2 });
    const withBaseline = await dryRun(repo, '--baseline', baseline);
    expect(withBaseline.counts).toMatchObject({ kept: 1, comments: 1 });
    // Line 7: the second client's.
    expect(withBaseline.review?.comments.map((c) => c.line)).toEqual([7]);
    // The old client and its Encrypt request (an info finding).
    expect(withBaseline.summary.body).toContain('Not counted: 2 findings the baseline accepts.');
  }, 60_000);
});
