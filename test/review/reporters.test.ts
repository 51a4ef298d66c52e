import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { applyEdits, type Finding } from '../../src/model/index.js';
import { annotation } from '../../src/review/annotations.js';
import { runCli } from '../cli/run-cli.js';
import { prRepos } from './pr-repo.js';

const ROOT = join(import.meta.dirname, '../..');
const JAVA = readFileSync(
  join(ROOT, 'fixtures/rules/legacy-kms-client/java/withComments/before/App.java'),
  'utf8',
);
const newRepo = prRepos();

/** Applies a reviewdog suggestion: 1-based lines, 1-based UTF-8 byte columns, end exclusive. */
function applyRdSuggestion(
  text: string,
  s: {
    range: { start: { line: number; column: number }; end: { line: number; column: number } };
    text: string;
  },
): string {
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lineStarts.push(i + 1);
  const at = (p: { line: number; column: number }) => lineStarts[p.line - 1] + p.column - 1;
  return Buffer.concat([
    bytes.subarray(0, at(s.range.start)),
    Buffer.from(s.text, 'utf8'),
    bytes.subarray(at(s.range.end)),
  ]).toString('utf8');
}

// A line with characters outside ASCII before the client: UTF-16 and UTF-8 columns differ there.
const WIDE = JAVA.replace(
  'IAcsClient client = new DefaultAcsClient(profile);',
  'String 名前 = "é😀"; IAcsClient client = new DefaultAcsClient(profile);',
);

describe('rdjsonl (scan --format rdjsonl and review --reporter rdjsonl)', () => {
  it('columns are UTF-8 bytes, and the fix is a suggestion that gives the fixed file', async () => {
    const repo = newRepo({});
    repo.commit({ 'App.java': WIDE });
    const r = await runCli(['scan', repo.dir, '--format', 'rdjsonl', '--no-config']);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const client = lines.find((d) => d.code.value === 'legacy-kms-client');
    const lineText = WIDE.split('\n')[client.location.range.start.line - 1];
    const utf16 = lineText.indexOf('new DefaultAcsClient');
    expect(client.location.range.start.column).toBe(Buffer.byteLength(lineText.slice(0, utf16)) + 1);
    expect(client.location.range.start.column).toBeGreaterThan(utf16 + 1);
    expect(client.suggestions).toHaveLength(1);
    const json = await runCli(['scan', repo.dir, '--format', 'json', '--fixes', '--no-config']);
    const finding = (JSON.parse(json.out).findings as Finding[]).find(
      (f) => f.ruleId === 'legacy-kms-client',
    );
    expect(applyRdSuggestion(WIDE, client.suggestions[0])).toBe(applyEdits(WIDE, finding?.fix?.edits ?? []));
    // --no-fixes leaves them out.
    const bare = await runCli(['scan', repo.dir, '--format', 'rdjsonl', '--no-fixes', '--no-config']);
    expect(bare.out).not.toContain('"suggestions"');
  }, 60_000);

  it('review --reporter rdjsonl prints only what the filter kept', async () => {
    const repo = newRepo({ 'Old.java': JAVA.replace('class App', 'class Old') });
    repo.commit({ 'App.java': WIDE });
    const r = await runCli(['review', '--base', 'main', '--reporter', 'rdjsonl'], { cwd: repo.dir });
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((d) => [d.location.path, d.code.value])).toEqual([['App.java', 'legacy-kms-client']]);
    const all = await runCli(
      ['review', '--base', 'main', '--reporter', 'rdjsonl', '--filter-mode', 'nofilter', '--level', 'info'],
      {
        cwd: repo.dir,
      },
    );
    expect(
      new Set(
        all.out
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).location.path),
      ),
    ).toEqual(new Set(['App.java', 'Old.java']));
  }, 60_000);
});

describe('review --reporter gitlab', () => {
  it('writes gl-code-quality-report.json with the same fingerprint the PR comment carries', async () => {
    const repo = newRepo({});
    repo.commit({ 'App.java': JAVA });
    const r = await runCli(['review', '--base', 'main', '--reporter', 'gitlab'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const file = join(repo.dir, 'gl-code-quality-report.json');
    expect(existsSync(file)).toBe(true);
    const issues = JSON.parse(readFileSync(file, 'utf8'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      type: 'issue',
      check_name: 'legacy-kms-client',
      severity: 'major',
      location: { path: 'App.java' },
    });
    const dry = await runCli(['review', '--base', 'main', '--dry-run'], { cwd: repo.dir });
    const payload = JSON.parse(dry.out);
    expect(payload.review.comments[0].body).toContain(`fp=${issues[0].fingerprint} `);
  }, 60_000);
});

describe('review --reporter github-annotations', () => {
  it('escapes what workflow commands cannot carry', () => {
    const f = {
      ruleId: 'legacy-kms-client',
      severity: 'error',
      message: '100% of it,\nnext line',
      file: 'dir,a:b/c.java',
      range: { start: { line: 3, column: 5 }, end: { line: 3, column: 9 }, startOffset: 0, endOffset: 4 },
      language: 'java',
    } as Finding;
    expect(annotation(f)).toBe(
      '::error file=dir%2Ca%3Ab/c.java,line=3,endLine=3,col=5,endColumn=9,title=kms-codemod legacy-kms-client::100%25 of it,%0Anext line',
    );
  });
});

describe('review on the command line', () => {
  it('--dry-run needs no token and posts nothing; the exit code follows --fail-on over kept findings', async () => {
    const repo = newRepo({});
    repo.commit({ 'App.java': JAVA });
    const saved = process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_TOKEN;
    try {
      const dry = await runCli(['review', '--base', 'main', '--dry-run'], { cwd: repo.dir });
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.out).counts).toMatchObject({ kept: 1, comments: 1 });
      expect(
        (await runCli(['review', '--base', 'main', '--dry-run', '--fail-on', 'warning'], { cwd: repo.dir }))
          .code,
      ).toBe(1);
      expect(
        (
          await runCli(['review', '--base', 'main', '--dry-run', '--fail-on', 'none', '--level', 'info'], {
            cwd: repo.dir,
          })
        ).code,
      ).toBe(0);
      const noToken = await runCli(['review', '--base', 'main'], { cwd: repo.dir });
      expect(noToken.code).toBe(2);
      expect(noToken.err).toContain('needs GITHUB_TOKEN');
    } finally {
      if (saved !== undefined) process.env.GITHUB_TOKEN = saved;
    }
  }, 60_000);

  it('usage errors: no base, an unknown base, not a git repository', async () => {
    const repo = newRepo({});
    const saved = process.env.GITHUB_BASE_REF;
    delete process.env.GITHUB_BASE_REF;
    try {
      const noBase = await runCli(['review', '--dry-run'], { cwd: repo.dir });
      expect(noBase.code).toBe(2);
      expect(noBase.err).toContain('--base REF');
      const unknown = await runCli(['review', '--base', 'no-such-branch', '--dry-run'], { cwd: repo.dir });
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('no-such-branch');
      const outside = await runCli(['review', '--base', 'main', '--dry-run'], {
        cwd: mkdtempSync(join(tmpdir(), 'kms-no-git-')),
      });
      expect(outside.code).toBe(2);
      expect(outside.err).toContain('not in a git repository');
    } finally {
      if (saved !== undefined) process.env.GITHUB_BASE_REF = saved;
    }
  }, 60_000);

  it('--help ends with the exit status table and names every reporter and filter mode', async () => {
    const r = await runCli(['review', '--help']);
    expect(r.code).toBe(0);
    expect(r.out.replace(/\s+/g, ' ')).toContain(
      'choices: "github-pr-review", "github-annotations", "rdjsonl", "gitlab"',
    );
    expect(r.out.replace(/\s+/g, ' ')).toContain('choices: "added", "diff_context", "file", "nofilter"');
    const table = r.out.slice(r.out.indexOf('Exit status:'));
    expect(table).toMatch(/^ {2}0 {2}/m);
    expect(table).toMatch(/^ {2}1 {2}/m);
    expect(table).toMatch(/^ {2}2 {2}usage error/m);
    const bad = await runCli(['review', '--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toEqual([
      "error: unknown option '--no-such-flag'",
      "Run 'kms-codemod review --help' for usage.",
    ]);
  });

  it('refuses the merge commit GitHub builds for a pull request, and says how to check out the head', async () => {
    const repo = newRepo({ 'a.txt': 'a\n' });
    const prHead = repo.commit({ 'App.java': JAVA });
    repo.git('checkout', '-q', 'main');
    repo.commit({ 'b.txt': 'main moved on\n' });
    repo.git('merge', '-q', '--no-ff', '-m', 'merge', 'feature');
    const { assertHeadOfPullRequest } = await import('../../src/review/pr-diff.js');
    expect(() => assertHeadOfPullRequest(repo.dir, repo.head(), prHead)).toThrow(
      /merge commit GitHub builds.*pull_request\.head\.sha/,
    );
    expect(() => assertHeadOfPullRequest(repo.dir, prHead, prHead)).not.toThrow();
  });
});

// A GBK file (our users' Chinese comments): scan reads it in its own encoding, and so must review.
const GBK_LINE = 'String 名称 = "中文"; IAcsClient client = new DefaultAcsClient(profile); // 密钥客户端';
const GBK_JAVA = JAVA.replace('IAcsClient client = new DefaultAcsClient(profile);', GBK_LINE);

describe('review and rdjsonl on a file that is not UTF-8', () => {
  it('read in its encoding: no suggestion (GitHub commits UTF-8), the diff shown decoded, rdjsonl columns right', async () => {
    const repo = newRepo({});
    repo.commit({ 'App.java': iconv.encode(GBK_JAVA, 'gbk') });
    // Named: chardet takes a line this short for Latin-1, which reads back byte for byte too.
    const dry = await runCli(['review', '--base', 'main', '--dry-run', '--no-config', '--encoding', 'gbk'], {
      cwd: repo.dir,
    });
    expect(dry.code).toBe(0);
    const [comment] = JSON.parse(dry.out).review.comments;
    expect(comment.body).not.toContain('```suggestion');
    expect(comment.body).toMatch('the file is in gbk, and GitHub would commit a suggestion in UTF-8');
    expect(comment.body).toContain('密钥客户端');
    expect(comment.body).not.toContain('\uFFFD');
    const rd = await runCli(['scan', repo.dir, '--format', 'rdjsonl', '--no-config', '--encoding', 'gbk']);
    const client = rd.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((d) => d.code.value === 'legacy-kms-client');
    const prefix = GBK_LINE.slice(0, GBK_LINE.indexOf('new DefaultAcsClient'));
    const lineText = GBK_JAVA.split('\n')[client.location.range.start.line - 1];
    expect(lineText).toContain(GBK_LINE);
    const indent = lineText.slice(0, lineText.indexOf(GBK_LINE));
    expect(client.location.range.start.column).toBe(Buffer.byteLength(indent + prefix) + 1);
    expect(applyRdSuggestion(GBK_JAVA, client.suggestions[0])).toContain('密钥客户端');
  }, 60_000);
});

describe('review of an application it could not read in full', () => {
  it('is never clean: exit 1 and the verdict incomplete, unless --allow-incomplete', async () => {
    const repo = newRepo({});
    repo.commit({ 'App.java': JAVA, 'Other.java': 'class Other {}\n' });
    const args = ['review', '--base', 'main', '--dry-run', '--no-config', '--max-file-size', '100'];
    const r = await runCli(args, { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).summary.body).toContain('incomplete');
    expect((await runCli([...args, '--allow-incomplete'], { cwd: repo.dir })).code).toBe(0);
  }, 60_000);
});
