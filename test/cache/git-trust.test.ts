import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CacheStrategy, FactCache } from '../../src/cache/fact-cache.js';
import { jsonReport } from '../../src/report/index.js';
import { type ScanResult, scan } from '../../src/scan/index.js';
import { gitCleanFiles } from '../../src/workspace/git-index.js';
import { testGitEnv } from '../support/git-env.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/rules');
const tool = { name: 'kms-codemod', version: '9.9.9' };
const tmp = mkdtempSync(join(tmpdir(), 'kms-cache-git-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GIT_ENV = testGitEnv();

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'core.autocrlf=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A git repository holding one rule's fixtures, committed. */
function repo(name: string, fixture = 'legacy-kms-client'): string {
  const root = join(tmp, name);
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'core.autocrlf', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  return root;
}

function comparable(result: ScanResult): string {
  const report = JSON.parse(jsonReport(result, tool));
  delete report.summary.durationMs;
  delete report.summary.cache;
  return JSON.stringify(report, null, 2);
}

async function expectSame(root: string, cacheDir: string, strategy: CacheStrategy) {
  const plain = await scan({ paths: [root], root });
  const cached = await scan({ paths: [root], root, cache: { location: cacheDir, strategy } });
  expect(comparable(cached)).toBe(comparable(plain));
  expect(cached.files).toEqual(plain.files);
  const stats = cached.stats.cache;
  if (!stats) throw new Error('no cache stats');
  return stats;
}

/** How many blob ids the one cache file in `cacheDir` holds. */
function storedBlobIds(cacheDir: string): number {
  const [name] = readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
  const file = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as {
    blobs?: Record<string, Record<string, string>>;
  };
  return Object.values(file.blobs ?? {}).reduce((n, ids) => n + Object.keys(ids).length, 0);
}

/** Every work-tree file deleted and checked out again: new inodes and mtimes, as in a fresh CI checkout. */
function freshCheckout(root: string): void {
  for (const name of readdirSync(root)) if (name !== '.git') rmSync(join(root, name), { recursive: true });
  git(root, 'checkout', '-q', '--', '.');
}

describe('the fact cache trusts what git vouches for', () => {
  it('after a checkout that resets every mtime, a content scan reads nothing', async () => {
    const root = repo('checkout');
    const cacheDir = join(tmp, 'cache-checkout');
    const cold = await expectSame(root, cacheDir, 'content');
    expect(cold.extracted).toBeGreaterThan(10);
    freshCheckout(root);
    const warm = await expectSame(root, cacheDir, 'content');
    expect(warm).toMatchObject({ read: 0, extracted: 0 });
    expect(warm.byGit).toBe(warm.fromCache);
    expect(warm.fromCache).toBeGreaterThan(0);
    // The metadata strategy, whose sizes and mtimes no longer match, trusts git as well.
    freshCheckout(root);
    expect(await expectSame(root, cacheDir, 'metadata')).toMatchObject({ read: 0, extracted: 0 });
  });

  it('a first metadata scan leaves git alone; the next records what git vouches for; the third trusts it', async () => {
    const root = repo('first-metadata');
    const cacheDir = join(tmp, 'cache-first-metadata');
    const first = await expectSame(root, cacheDir, 'metadata');
    expect(first).toMatchObject({ byGit: 0, why: { new: first.extracted } });
    expect(storedBlobIds(cacheDir)).toBe(0);
    await expectSame(root, cacheDir, 'metadata');
    expect(storedBlobIds(cacheDir)).toBeGreaterThan(10);
    const third = await expectSame(root, cacheDir, 'metadata');
    expect(third).toMatchObject({ read: 0, extracted: 0 });
    expect(third.byGit).toBe(third.fromCache);
  });

  it('reads a tracked file that was modified, even with its size and mtime put back', async () => {
    const root = repo('modified');
    const cacheDir = join(tmp, 'cache-modified');
    await expectSame(root, cacheDir, 'content');
    const file = join(root, 'java/clientInField/before/KmsHolder.java');
    const st = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('DefaultAcsClient(', 'DefaultAcsClienT('));
    utimesSync(file, st.atime, st.mtime);
    expect(statSync(file).size).toBe(st.size);
    const content = await expectSame(root, cacheDir, 'content');
    expect(content).toMatchObject({ read: 1, extracted: 1, why: { changed: 1 } });
    expect(content.byGit).toBe(content.fromCache);
    // git still reports it modified; its size and mtime are those of the entry just made (read again
    // only when that entry is younger than the cache's 2-second tick).
    const metadata = await expectSame(root, cacheDir, 'metadata');
    expect(metadata.extracted).toBe(0);
    expect(metadata.byGit).toBe(metadata.fromCache - 1);
  });

  it('reads untracked files, and files marked assume-unchanged, and files git converts', async () => {
    const root = repo('untracked');
    const cacheDir = join(tmp, 'cache-untracked');
    await expectSame(root, cacheDir, 'content');
    // A new candidate git does not know.
    writeFileSync(
      join(root, 'java/New.java'),
      'import com.aliyuncs.kms.model.v20160120.EncryptRequest;\nclass N { Object r = new EncryptRequest(); }\n',
    );
    const untracked = await expectSame(root, cacheDir, 'content');
    expect(untracked.why.new).toBe(1);
    // A tracked file git was told not to look at, then edited.
    const hidden = join(root, 'java/clientInField/before/KmsHolder.java');
    git(root, 'update-index', '--assume-unchanged', 'java/clientInField/before/KmsHolder.java');
    writeFileSync(
      hidden,
      `${readFileSync(hidden, 'utf8')}\nclass Later { Object c = new com.aliyuncs.DefaultAcsClient(null); }\n`,
    );
    expect(git(root, 'diff-files', '--name-only')).toBe('');
    const assumed = await expectSame(root, cacheDir, 'content');
    expect(assumed.why.changed).toBe(1);
    // Files whose bytes git converts (line endings here) are never vouched for.
    writeFileSync(join(root, '.gitattributes'), '*.py text eol=lf\n');
    const clean = await gitCleanFiles(root);
    expect(clean?.blobs.size).toBeGreaterThan(0);
    expect([...(clean?.blobs.keys() ?? [])].some((p) => p.endsWith('.py'))).toBe(false);
    expect([...(clean?.blobs.keys() ?? [])].some((p) => p.endsWith('.java'))).toBe(true);
    git(root, 'config', 'core.autocrlf', 'true');
    expect(await gitCleanFiles(root)).toBeUndefined();
    await expectSame(root, cacheDir, 'content');
  });

  it('falls back to reading when git is missing or the root is not in a repository', async () => {
    const root = repo('nogit');
    const cacheDir = join(tmp, 'cache-nogit');
    await expectSame(root, cacheDir, 'content');
    freshCheckout(root);
    const path = process.env.PATH;
    process.env.PATH = join(tmp, 'no-such-bin');
    try {
      expect(await gitCleanFiles(root)).toBeUndefined();
      const without = await expectSame(root, cacheDir, 'content');
      expect(without.byGit).toBe(0);
      expect(without.read).toBeGreaterThan(0);
    } finally {
      process.env.PATH = path;
    }
    // An edit made while git could not be asked drops the entry's blob id: once the file is back to the
    // committed bytes, the entry (of the edited bytes) must not pass for them.
    const file = join(root, 'java/clientInField/before/KmsHolder.java');
    const committed = readFileSync(file, 'utf8');
    process.env.PATH = join(tmp, 'no-such-bin');
    try {
      writeFileSync(file, committed.replace('DefaultAcsClient(', 'DefaultAcsClienT('));
      expect((await expectSame(root, cacheDir, 'content')).why.changed).toBe(1);
    } finally {
      process.env.PATH = path;
    }
    git(root, 'checkout', '-q', '--', '.');
    expect(readFileSync(file, 'utf8')).toBe(committed);
    expect((await expectSame(root, cacheDir, 'content')).why.changed).toBe(1);
    // A repository whose .git is gone: nothing is trusted, everything is read and still equal.
    rmSync(join(root, '.git'), { recursive: true });
    const outside = await expectSame(root, cacheDir, 'content');
    expect(outside.byGit).toBe(0);
    expect(outside.read).toBeGreaterThan(0);
  });

  it('keeps a blob id only if git still reports the file unchanged once the scan is over', async () => {
    const root = repo('confirm', 'hardcoded-credential');
    const cacheDir = join(tmp, 'cache-confirm');
    const [edited, kept] = git(root, 'ls-files', '*.java').trim().split('\n');
    const clean = await gitCleanFiles(root);
    expect(clean?.blobs.has(edited)).toBe(true);
    // Edited after git was asked and before the scan read it.
    writeFileSync(join(root, edited), `${readFileSync(join(root, edited), 'utf8')}\n// later\n`);
    const cache = FactCache.open(root, { location: cacheDir, strategy: 'content' }, {});
    cache.useGit(clean);
    for (const rel of [edited, kept]) {
      const st = statSync(join(root, rel));
      cache.recordPlain(rel, { size: st.size, mtimeMs: st.mtimeMs });
    }
    await cache.confirmGit(root);
    cache.save([{ rel: edited }, { rel: kept }]);
    const [name] = readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
    const blobs = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')).blobs;
    const idOf = (rel: string) =>
      blobs[rel.slice(0, rel.lastIndexOf('/'))]?.[rel.slice(rel.lastIndexOf('/') + 1)];
    expect(idOf(kept)).toBe(clean?.blobs.get(kept));
    expect(idOf(edited)).toBeUndefined();
  });
});
