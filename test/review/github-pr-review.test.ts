import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github.js';
import { migratedCopy, OWNER, PULL, REPO, reviewOnGitHub, TOKENS, withSuggestion } from './github-run.js';
import { type PrRepo, prRepos } from './pr-repo.js';

const ROOT = join(import.meta.dirname, '../..');
const FIX = (lang: string, scenario: string, file: string, side = 'before') =>
  readFileSync(join(ROOT, 'fixtures/rules/legacy-kms-client', lang, scenario, side, file), 'utf8');

const POM = `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>shop</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.aliyun</groupId>
      <artifactId>aliyun-java-sdk-kms</artifactId>
      <version>2.16.0</version>
    </dependency>
  </dependencies>
</project>
`;

const SERVICE = `package com.example.kms;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.profile.IClientProfile;

public class Service {
    private final IAcsClient client;

    public Service(IClientProfile profile) {
        this.client = new DefaultAcsClient(profile);
    }
}
`;

const newRepo = prRepos();

/** What the fake recorded, method and path, reads and writes apart. */
function calls(gh: FakeGitHub): { reads: string[]; writes: string[] } {
  const line = (r: { method: string; path: string; status: number }) => `${r.method} ${r.path} ${r.status}`;
  return {
    reads: gh.requests.filter((r) => r.method === 'GET').map(line),
    writes: gh.requests.filter((r) => r.method !== 'GET').map(line),
  };
}

const P = `/repos/${OWNER}/${REPO}`;

describe('github-pr-review on a Java pull request, push after push', () => {
  let repo: PrRepo;
  let gh: FakeGitHub;
  let url: string;
  beforeAll(async () => {
    repo = newRepo({
      'pom.xml': POM,
      'src/main/java/com/acme/Other.java': 'package com.acme;\n\nclass Other {}\n',
    });
    repo.commit(
      { 'src/main/java/com/acme/App.java': FIX('java', 'withComments', 'App.java') },
      'add the app',
    );
    gh = new FakeGitHub({
      owner: OWNER,
      repo: REPO,
      pull: PULL,
      repoDir: repo.dir,
      base: 'main',
      tokens: TOKENS,
    });
    url = await gh.start();
  });
  afterAll(() => gh.stop());

  it('first run: one review with the comment and its suggestion, one summary comment', async () => {
    const r = await reviewOnGitHub(repo, gh, url);
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(calls(gh)).toEqual({
      reads: [`GET /user 403`, `GET ${P}/pulls/${PULL}/comments 200`, `GET ${P}/issues/${PULL}/comments 200`],
      writes: [`POST ${P}/pulls/${PULL}/reviews 200`, `POST ${P}/issues/${PULL}/comments 201`],
    });
    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviews[0].commit_id).toBe(repo.head());
    const [c] = gh.reviewComments;
    expect(gh.reviewComments).toHaveLength(1);
    expect(c).toMatchObject({
      path: 'src/main/java/com/acme/App.java',
      user: { login: 'github-actions[bot]' },
    });
    expect(c.body).toContain('`legacy-kms-client`');
    expect(c.body).toMatch(/<!-- kms-codemod:v1 fp=[0-9a-f]{32} rule=legacy-kms-client -->/);
    // The manifest half of the fix is shown, and the command that makes both.
    expect(c.body).toContain('It also edits <code>pom.xml</code>');
    expect(c.body).toContain('`kms-codemod migrate . --write`');
    // Applied as GitHub applies it, the suggestion gives the file migrate --write gives.
    const migrated = await migratedCopy(repo, ['src/main/java/com/acme/App.java']);
    expect(withSuggestion(repo, c)).toBe(migrated['src/main/java/com/acme/App.java']);
    const [summary] = gh.issueComments;
    expect(summary.body).toContain('<!-- kms-codemod:v1 summary -->');
    expect(summary.body).toContain('| `.` | 🟡 ready to migrate |');
    expect(summary.body).toContain('closes one month later');
    expect(summary.body).toContain('kms-codemod migrate . --write');
  }, 60_000);

  it('second run on the same commit: nothing new, nothing written', async () => {
    gh.reset();
    const r = await reviewOnGitHub(repo, gh, url);
    expect(r.code).toBe(0);
    expect(calls(gh).writes).toEqual([]);
    expect(gh.reviewComments).toHaveLength(1);
    expect(gh.issueComments).toHaveLength(1);
  }, 60_000);

  it('a push with nothing new: no review, the summary edited in place (not posted again)', async () => {
    repo.commit({ 'README.md': '# shop\n' }, 'docs');
    gh.reset();
    const before = gh.issueComments[0].body;
    await reviewOnGitHub(repo, gh, url);
    expect(calls(gh).writes).toEqual([`PATCH ${P}/issues/comments/${gh.issueComments[0].id} 200`]);
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0].body).not.toBe(before);
    expect(gh.issueComments[0].body).toContain(repo.head().slice(0, 12));
  }, 60_000);

  it('a push that fixes one finding and adds another: the old comment deleted, the new one posted', async () => {
    const old = gh.reviewComments[0];
    // App migrated as `migrate --write` does it (the source and the pom), else half-migrated flags it.
    const migrated = await migratedCopy(repo, ['src/main/java/com/acme/App.java', 'pom.xml']);
    repo.commit(
      { ...migrated, 'src/main/java/com/example/kms/Service.java': SERVICE },
      'migrate App, add Service',
    );
    gh.reset();
    await reviewOnGitHub(repo, gh, url);
    const { writes } = calls(gh);
    expect(writes).toEqual([
      `POST ${P}/pulls/${PULL}/reviews 200`,
      `DELETE ${P}/pulls/comments/${old.id} 204`,
      `PATCH ${P}/issues/comments/${gh.issueComments[0].id} 200`,
    ]);
    // Service's client is legacy, and half-migrated now that App builds a transfer client: two rules.
    expect(gh.reviewComments.map((c) => [c.path, c.body.match(/rule=([\w-]+)/)?.[1]])).toEqual([
      ['src/main/java/com/example/kms/Service.java', 'half-migrated'],
      ['src/main/java/com/example/kms/Service.java', 'legacy-kms-client'],
    ]);
    for (const c of gh.reviewComments) expect(c.body).not.toContain(old.body.match(/fp=\w+/)?.[0] ?? '-');
    expect(gh.issueComments[0].body).toContain('2 with a line comment');
  }, 60_000);

  it('a comment a person answered stays when its finding is gone', async () => {
    const [service, unanswered] = gh.reviewComments;
    gh.reply(service.id, 'alice', 'We will migrate this one next sprint.');
    repo.commit({ 'src/main/java/com/example/kms/Service.java': null }, 'drop Service');
    gh.reset();
    await reviewOnGitHub(repo, gh, url);
    expect(calls(gh).writes.filter((w) => w.startsWith('DELETE'))).toEqual([
      `DELETE ${P}/pulls/comments/${unanswered.id} 204`,
    ]);
    expect(gh.reviewComments.map((c) => c.id)).toContain(service.id);
    expect(gh.issueComments[0].body).toContain(
      '1 earlier comment whose finding is gone stayed, because someone answered it',
    );
  }, 60_000);
});
