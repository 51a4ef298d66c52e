import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../cli/run-cli.js';
import { skipOrFail } from '../support/gate.js';
import { FakeGitHub } from './fake-github.js';
import { OWNER, PULL, REPO, TOKENS, WRITE_TOKEN } from './github-run.js';
import { prRepos } from './pr-repo.js';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default: string }>;
  runs: {
    using: string;
    steps: { name?: string; uses?: string; run?: string; env?: Record<string, string>; if?: string }[];
  };
};
const step = (name: string) => {
  const s = action.runs.steps.find((x) => x.name === name);
  if (!s?.run) throw new Error(`action.yml has no step '${name}' with a run script`);
  return s;
};
const REVIEW = 'Review the pull request';
const SCAN = 'Scan the repository for plan --scans';

/** The flag of `kms-codemod review` each input sets (paths are its arguments, the token its environment). */
const FLAG: Record<string, string | undefined> = {
  reporter: '--reporter',
  'filter-mode': '--filter-mode',
  'fail-on': '--fail-on',
  level: '--level',
  'max-comments': '--max-comments',
  base: '--base',
};

const work = mkdtempSync(join(tmpdir(), 'kms-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const newRepo = prRepos();

/** `${{ inputs.x }}` and the few `github`/`runner` expressions the steps use, as a runner expands them. */
function expand(text: string, inputs: Record<string, string>, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, expr: string) => {
    if (expr.startsWith('inputs.')) return inputs[expr.slice('inputs.'.length)] ?? '';
    if (expr in context) return context[expr];
    throw new Error(`action.yml uses \${{ ${expr} }}, which this test does not expand`);
  });
}

describe('action.yml', () => {
  it('is a composite action whose every input is an option of kms-codemod review, with the same default', async () => {
    expect(action.runs.using).toBe('composite');
    const help = (await runCli(['review', '--help'])).out.replace(/\s+/g, ' ');
    const inputs = Object.keys(action.inputs);
    expect(inputs.sort()).toEqual([
      'base',
      'fail-on',
      'filter-mode',
      'github-token',
      'level',
      'max-comments',
      'paths',
      'reporter',
      'upload-scan',
    ]);
    for (const [name, flag] of Object.entries(FLAG)) {
      expect(help, `input ${name}`).toContain(`${flag} <`);
      const dflt = action.inputs[name].default;
      const at = help.indexOf(`${flag} <`);
      const option = help.slice(at, help.indexOf(' --', at + flag.length));
      if (dflt) expect(option, `default of ${name}`).toMatch(new RegExp(`default: "?${dflt}"?\\)`));
    }
    // Every flag the steps pass exists in the command that receives it.
    const reviewFlags = step(REVIEW).run?.match(/--[a-z-]+/g) ?? [];
    expect(reviewFlags.length).toBeGreaterThan(4);
    for (const f of reviewFlags) expect(help, f).toContain(f);
    const scanHelp = (await runCli(['scan', '--help'])).out;
    const scanCall = /main\.js" scan ([^|\n]*)/.exec(step(SCAN).run ?? '')?.[1] ?? '';
    expect(scanCall).toContain('--format json');
    for (const f of scanCall.match(/(?<= )--?[a-z-]+/g) ?? []) expect(scanHelp).toContain(f);
    // Each input's value reaches the review step.
    const env = Object.values(step(REVIEW).env ?? {}).join(' ');
    for (const name of inputs.filter((i) => i !== 'upload-scan')) expect(env).toContain(`inputs.${name}`);
  });

  it("its steps start: the review posts to GitHub's API from a pull request checkout, the scan writes the artifact", async (ctx) => {
    if (!existsSync(CLI)) skipOrFail(ctx, 'dist/src/cli/main.js is missing: run `npm run build`');
    const repo = newRepo({ 'requirements.txt': 'aliyun-python-sdk-kms==2.16.5\n' });
    repo.commit({
      'app.py': readFileSync(
        join(ROOT, 'fixtures/rules/legacy-kms-client/python/withComments/before/app.py'),
        'utf8',
      ),
    });
    const gh = new FakeGitHub({
      owner: OWNER,
      repo: REPO,
      pull: PULL,
      repoDir: repo.dir,
      base: 'main',
      tokens: TOKENS,
    });
    const url = await gh.start();
    gh.head = repo.head();
    try {
      const event = join(work, 'event.json');
      writeFileSync(event, JSON.stringify({ pull_request: { number: PULL, head: { sha: gh.head } } }));
      const context = { 'github.token': WRITE_TOKEN, 'github.action_path': ROOT, 'runner.temp': work };
      const inputs = Object.fromEntries(
        Object.entries(action.inputs).map(([k, v]) => [k, expand(v.default, {}, context)]),
      );
      // A pull_request run: GITHUB_BASE_REF names the base branch; this clone has it as `main` only.
      inputs.base = 'main';
      const runner = {
        ...process.env,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_EVENT_PATH: event,
        GITHUB_API_URL: url,
        GITHUB_BASE_REF: 'main',
        GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
        RUNNER_TEMP: work,
      };
      // Asynchronous: the fake GitHub answers from this process, so its event loop must keep running.
      const run = (name: string) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
          const s = step(name);
          const env = Object.fromEntries(
            Object.entries(s.env ?? {}).map(([k, v]) => [k, expand(v, inputs, context)]),
          );
          const child = spawn('bash', ['-e', '-c', expand(s.run ?? '', inputs, context)], {
            cwd: repo.dir,
            env: { ...runner, ...env },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => {
            stdout += d;
          });
          child.stderr.on('data', (d) => {
            stderr += d;
          });
          child.on('close', (status) => done({ status, stdout, stderr }));
        });
      const review = await run(REVIEW);
      expect(review.stderr).toContain('posted a review with 1 comment(s)');
      expect(review.status).toBe(0);
      expect(gh.reviews).toHaveLength(1);
      expect(gh.issueComments).toHaveLength(1);
      const scan = await run(SCAN);
      expect(scan.status).toBe(0);
      const result = JSON.parse(readFileSync(join(work, 'kms-codemod-scan.json'), 'utf8'));
      expect(result).toMatchObject({ tool: { name: 'kms-codemod' }, formatVersion: 2 });
    } finally {
      await gh.stop();
    }
  }, 120_000);
});
