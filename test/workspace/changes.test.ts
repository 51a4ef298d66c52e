import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { scan } from '../../src/scan/index.js';
import { changedFiles, SinceError } from '../../src/workspace/changes.js';
import { runScanCli } from '../cli/run-scan.js';
import { testGitEnv } from '../support/git-env.js';

// A throw-away repository in the temp dir (never the project checkout).
const repo = realpathSync(mkdtempSync(join(tmpdir(), 'kms-since-')));
const outside = realpathSync(mkdtempSync(join(tmpdir(), 'kms-nogit-')));
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});
const env = testGitEnv({ HOME: repo });
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
function put(rel: string, text: string) {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

const CLIENT = `package acme;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.DefaultProfile;
public class Kms {
    public static DefaultAcsClient client() {
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));
    }
}
`;
const ENCRYPT = `package acme;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
public class Seal {
    Object seal() throws Exception { return Kms.client().getAcsResponse(new EncryptRequest()); }
}
`;
const REENCRYPT = ENCRYPT.replaceAll('EncryptRequest', 'ReEncryptRequest');

beforeAll(() => {
  git('init', '-q', '-b', 'main');
  put('.gitignore', 'build/\n');
  put(
    'app/pom.xml',
    '<project>\n  <packaging>war</packaging>\n  <dependencies>\n  </dependencies>\n</project>\n',
  );
  put('app/src/Kms.java', CLIENT);
  put('app/src/Seal.java', ENCRYPT);
  put(
    'other/pom.xml',
    '<project>\n  <packaging>war</packaging>\n  <dependencies>\n  </dependencies>\n</project>\n',
  );
  put('other/src/Kms.java', CLIENT);
  git('add', '.');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
  put('app/src/Seal.java', REENCRYPT); // committed on the branch
  git('commit', '-qam', 'rewrap');
});

describe('changedFiles', () => {
  it('lists committed, staged, unstaged and untracked changes since the merge base, never ignored ones', async () => {
    git('checkout', '-q', 'main');
    put('main-only.txt', 'moved on\n'); // main moves on: not a change of the branch
    git('add', '.');
    git('commit', '-qm', 'main moves');
    git('checkout', '-q', 'feature');
    put('staged.java', 'class Staged {}\n');
    git('add', 'staged.java');
    put('other/src/Kms.java', `${CLIENT}// touched\n`);
    put('untracked.py', 'x = 1\n');
    put('build/out.java', 'class Out {}\n');
    const c = await changedFiles(repo, 'main');
    expect(c.files).toEqual(['app/src/Seal.java', 'other/src/Kms.java', 'staged.java', 'untracked.py']);
    expect(c.mergeBase).toBe(git('merge-base', 'main', 'HEAD'));
    // From a subdirectory, paths are relative to it and the rest of the repository is left out.
    expect((await changedFiles(join(repo, 'other'), 'main')).files).toEqual(['src/Kms.java']);
    git('rm', '-q', '--cached', 'staged.java');
    rmSync(join(repo, 'staged.java'));
    rmSync(join(repo, 'untracked.py'));
    rmSync(join(repo, 'build'), { recursive: true });
    git('checkout', '-q', '--', 'other/src/Kms.java');
  });

  it('says what to do when the ref is unknown, the directory is not in git, or there is no merge base', async () => {
    await expect(changedFiles(repo, 'origin/nope')).rejects.toThrow(SinceError);
    await expect(changedFiles(repo, 'origin/nope')).rejects.toThrow(
      /no such commit.*git fetch origin main.*fetch-depth: 0/,
    );
    await expect(changedFiles(outside, 'main')).rejects.toThrow(/needs a git repository/);
    await expect(changedFiles(repo, '--output=x')).rejects.toThrow(/not a git ref/);
    git('checkout', '-q', '--orphan', 'lonely');
    git('commit', '-qm', 'no shared history');
    await expect(changedFiles(repo, 'main')).rejects.toThrow(/shares no history with HEAD.*fetch-depth: 0/);
    git('checkout', '-q', '-f', 'feature');
  });
});

describe('scan --since', () => {
  it('reports only changed files, while each application they touch is judged on all its files', async () => {
    const all = await scan({ paths: [repo], root: repo });
    expect(new Set(all.findings.map((f) => f.file))).toEqual(
      new Set(['app/src/Kms.java', 'app/src/Seal.java']),
    );
    const since = await scan({ paths: [repo], root: repo, since: 'main' });
    expect(new Set(since.findings.map((f) => f.file))).toEqual(new Set(['app/src/Seal.java']));
    expect(since.apps.map((a) => [a.dir, a.verdict])).toEqual([['app', 'blocked']]);
    expect(since.since).toMatchObject({ ref: 'main', files: ['app/src/Seal.java'] });
    // With the fact cache: the same result, and only the touched application's files read.
    const cacheDir = join(outside, 'cache');
    const cached = await scan({ paths: [repo], root: repo, since: 'main', cache: { location: cacheDir } });
    expect(cached.findings).toEqual(since.findings);
    expect(cached.apps).toEqual(since.apps);
    expect(cached.stats.cache).toMatchObject({ read: 2, extracted: 2 });
    // Against a baseline of the whole repository, a --since scan calls absent only what its files lost.
    const baseline = {
      entries: all.findings.map((f) => ({
        fingerprint: `${f.fingerprint}`,
        ruleId: f.ruleId,
        file: f.file,
        line: f.range.start.line,
        severity: f.severity,
        message: f.message,
      })),
    };
    baseline.entries.push({ ...baseline.entries[0], fingerprint: 'gone', file: 'app/src/Seal.java' });
    baseline.entries.push({
      ...baseline.entries[0],
      fingerprint: 'gone-elsewhere',
      file: 'other/src/Kms.java',
    });
    const compared = await scan({ paths: [repo], root: repo, since: 'main', baseline });
    expect(compared.baseline?.absent.map((e) => e.fingerprint)).toEqual(['gone']);
    const again = await scan({ paths: [repo], root: repo, since: 'main', cache: { location: cacheDir } });
    expect(again.findings).toEqual(since.findings);
    expect(again.stats.cache?.extracted).toBe(0);

    // Touch only the client's file: its findings alone, but the verdict still sees the ReEncrypt next door.
    put('app/src/Kms.java', CLIENT.replace('"cn-hangzhou"', '"cn-shanghai"'));
    git('commit', '-qam', 'region');
    const next = await scan({ paths: [repo], root: repo, since: 'HEAD~1' });
    expect(new Set(next.findings.map((f) => f.file))).toEqual(new Set(['app/src/Kms.java']));
    expect(next.apps.map((a) => [a.dir, a.verdict])).toEqual([['app', 'blocked']]);
    expect(next.apps[0].reasons.join()).toMatch(/ReEncrypt at app\/src\/Seal\.java/);
  });

  it('the CLI exits 2 with the hint on an unknown ref, and counts the changed files in JSON', async () => {
    const bad = await runScanCli([repo, '--since', 'origin/main']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since origin\/main: no such commit.*fetch-depth: 0/);
    process.exitCode = undefined;
    const report = join(outside, 'since.json');
    const good = await runScanCli([repo, '--since', 'main', '--format', 'json', '-o', report]);
    expect(good.code).toBe(1); // the ReEncrypt is an error
    expect(JSON.parse(readFileSync(report, 'utf8')).summary.since).toMatchObject({
      ref: 'main',
      changedFiles: 2,
    });
  });
});

describe('migrate --since', () => {
  it('rewrites only the changed files', async () => {
    put('other/src/Seal.java', ENCRYPT);
    git('add', '.');
    git('commit', '-qm', 'other seals');
    const result = await migrate({ paths: [repo], since: 'HEAD~1' });
    expect(result.changes.filter((c) => c.kind === 'source').map((c) => c.path)).toEqual([]);
    put('other/src/Kms.java', `${CLIENT}// edited\n`);
    const edited = await migrate({ paths: [repo], since: 'HEAD~1' });
    expect(edited.changes.filter((c) => c.kind === 'source').map((c) => c.path)).toEqual([
      join(repo, 'other/src/Kms.java'),
    ]);
  });
});
