import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/keys/plan-types.js';
import { repositoryName } from '../../src/workspace/repository.js';
import { runCli } from '../cli/run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const INVENTORY = join(ROOT, 'fixtures/keys/inventory.json');
const K = (n: number) => `key-hzz6f1a2b3c4d5e6f700${String(n).padStart(2, '0')}`;
const work = mkdtempSync(join(tmpdir(), 'kms-plan-scans-'));
const REPOS = ['shop', 'ledger', 'archive'] as const;
const dirs: Record<string, string> = {};
const scans = join(work, 'artifacts');
const saved = { repo: process.env.GITHUB_REPOSITORY, ws: process.env.GITHUB_WORKSPACE };

function git(cwd: string, ...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

const artifact = (name: string) => join(scans, `kms-codemod-scan-acme-${name}`, 'kms-codemod-scan.json');

beforeAll(async () => {
  // The names come from each clone's origin, not from the CI this test may run in.
  delete process.env.GITHUB_REPOSITORY;
  delete process.env.GITHUB_WORKSPACE;
  for (const name of REPOS) {
    const dir = join(work, 'clones', name);
    cpSync(join(ROOT, 'fixtures/repos', name), dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'remote', 'add', 'origin', `https://x-access-token:ghs_notreal@github.com/acme/${name}.git`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'fixture');
    dirs[name] = dir;
    mkdirSync(join(scans, `kms-codemod-scan-acme-${name}`), { recursive: true });
    // As each repository's CI runs it, uploading the file as an artifact.
    const r = await runCli(['scan', '--format', 'json', '-o', artifact(name), '--no-config'], { cwd: dir });
    expect(r.err).toBe('');
  }
  // Artifacts directories hold other files too.
  writeFileSync(join(scans, 'manifest.json'), '{"artifacts": 3}');
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  if (saved.repo !== undefined) process.env.GITHUB_REPOSITORY = saved.repo;
  if (saved.ws !== undefined) process.env.GITHUB_WORKSPACE = saved.ws;
});

async function planJson(args: string[]): Promise<{ code: number; plan?: Plan; err: string }> {
  const out = join(work, `plan-${Math.random()}.json`);
  const r = await runCli(['plan', ...args, '--keys', INVENTORY, '-f', 'json', '-o', out, '--no-config'], {
    cwd: work,
  });
  let plan: Plan | undefined;
  try {
    plan = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    plan = undefined;
  }
  return { code: r.code, plan, err: r.err };
}

const status = (plan: Plan, n: number) => plan.keys.find((k) => k.judgement.key.keyId === K(n));
const actions = (plan: Plan, rename: (repo: string) => string = (r) => r) =>
  plan.apps
    .map(
      (a) =>
        `${rename(a.repo)}:${a.app} ${a.action} ${a.moving
          .map((u) => u.keyId)
          .sort()
          .join(',')}`,
    )
    .sort();

describe('scan --format json records what plan --scans joins', () => {
  it('the repository (from origin, without its credentials), the commit and the resolved key references', () => {
    const ledger = JSON.parse(readFileSync(artifact('ledger'), 'utf8'));
    expect(ledger.formatVersion).toBe(2);
    expect(ledger.repository).toEqual({
      name: 'acme/ledger',
      commit: git(dirs.ledger, 'rev-parse', 'HEAD'),
      dirty: false,
    });
    expect(ledger.scope).toEqual({ paths: [], since: null });
    expect(ledger.plan.apps[0].keyRefs[0]).toMatchObject({
      envName: 'LEDGER_KEY_ID',
      resolved: {
        values: [{ value: 'alias/payments', from: 'ledger-go/.env:1', via: ['env LEDGER_KEY_ID'] }],
      },
    });
    // Only values that feed a KeyId leave the repository, and no credential of the remote.
    const text = readFileSync(artifact('ledger'), 'utf8');
    expect(text).not.toContain('never-exported');
    expect(text).not.toContain('ghs_notreal');
  });

  it('repositoryName reads https, ssh and scp-like remotes', () => {
    expect(repositoryName('https://x-access-token:abc@github.com/acme/shop.git')).toBe('acme/shop');
    expect(repositoryName('git@github.com:acme/shop.git')).toBe('acme/shop');
    expect(repositoryName('ssh://git@gitlab.example.com:2222/group/sub/app.git')).toBe('group/sub/app');
    expect(repositoryName('/srv/git/shop')).toBeUndefined();
  });
});

describe('plan --scans', () => {
  it('joins three repositories: a key shared by two is used by both, and a blocked app elsewhere holds its key back', async () => {
    const { code, plan, err } = await planJson(['--scans', scans]);
    expect(err).not.toContain('error');
    expect(code).toBe(1); // blocked applications stand in the way
    if (!plan) throw new Error('no plan');
    expect(plan.repos.sort()).toEqual(['acme/archive', 'acme/ledger', 'acme/shop']);
    expect(status(plan, 2)).toMatchObject({
      status: 'move',
      usedBy: ['acme/ledger/ledger-go', 'acme/shop/payments-py'],
    });
    // orders-java in the shop could move alias/orders; archiver in another repository still ReEncrypts with it.
    expect(status(plan, 1)?.status).toBe('held-back');
    expect(status(plan, 1)?.note).toContain('acme/archive/archiver');
    expect(plan.apps.find((a) => a.repo === 'acme/ledger')).toMatchObject({
      app: 'ledger-go',
      action: 'rewrite',
    });
    expect(plan.notes.some((n) => n.includes('manifest.json: not a kms-codemod scan result, skipped'))).toBe(
      true,
    );
    expect(plan.notes.some((n) => n.startsWith('acme/shop: from the scan result'))).toBe(true);
  }, 120_000);

  it('gives the plan that scanning the three clones here gives', async () => {
    const local = await planJson([dirs.shop, dirs.ledger, dirs.archive]);
    const remote = await planJson(['--scans', scans]);
    if (!local.plan || !remote.plan) throw new Error('no plan');
    const byDir = (repo: string) => `acme/${Object.entries(dirs).find(([, d]) => d === repo)?.[0]}`;
    expect(actions(remote.plan)).toEqual(actions(local.plan, byDir));
    const keys = (p: Plan, rename: (s: string) => string = (s) => s) =>
      p.keys.map((k) => `${k.judgement.key.keyId} ${k.status} ${k.usedBy.map(rename).sort().join(',')}`);
    const renameUse = (u: string) => {
      for (const [name, dir] of Object.entries(dirs))
        if (u.startsWith(dir)) return `acme/${name}${u.slice(dir.length)}`;
      return u;
    };
    expect(keys(remote.plan)).toEqual(keys(local.plan, renameUse));
  }, 180_000);

  it('without the archive repository, the orders key moves: the join is what changed it', async () => {
    const { plan } = await planJson(['--scans', artifact('shop'), artifact('ledger')]);
    if (!plan) throw new Error('no plan');
    expect(status(plan, 1)?.status).toBe('move');
  }, 60_000);

  it('a result from an older kms-codemod: a clear error naming the file and the upgrade, and no plan', async () => {
    const current = JSON.parse(readFileSync(artifact('archive'), 'utf8'));
    // What kms-codemod 0.1.0's jsonReport wrote: no formatVersion, repository, scope or key references.
    const { tool, findings, summary, apps, skipped, parseErrors } = current;
    const old = join(work, 'old', 'kms-codemod-scan.json');
    mkdirSync(join(work, 'old'), { recursive: true });
    writeFileSync(
      old,
      JSON.stringify({ tool: { ...tool, version: '0.1.0' }, findings, summary, apps, skipped, parseErrors }),
    );
    const r = await planJson(['--scans', artifact('shop'), old]);
    expect(r.code).toBe(2);
    expect(r.plan).toBeUndefined();
    expect(r.err).toContain('old/kms-codemod-scan.json: written by kms-codemod 0.1.0');
    expect(r.err).toContain('a plan without them would miss every key its applications use');
    expect(r.err).toContain('kms-codemod scan --format json -o FILE');
    expect(r.err).toContain("Run 'kms-codemod plan --help' for usage.");
  }, 60_000);

  it('refuses two results for one repository, a diff-only scan, and a newer format', async () => {
    const dup = await planJson(['--scans', artifact('shop'), artifact('shop')]);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('two scan results for acme/shop');
    // What scan --since writes: it records the ref, since it lacks the applications nobody touched.
    const since = join(work, 'since.json');
    const sinceScan = await runCli(
      ['scan', '--since', 'HEAD', '--format', 'json', '-o', since, '--no-config'],
      {
        cwd: dirs.shop,
      },
    );
    expect(sinceScan.err).toBe('');
    expect(JSON.parse(readFileSync(since, 'utf8')).scope).toEqual({ paths: [], since: 'HEAD' });
    const partial = await planJson(['--scans', since]);
    expect(partial.code).toBe(2);
    expect(partial.err).toContain('a scan of the changes since HEAD only');
    const newer = join(work, 'newer.json');
    writeFileSync(
      newer,
      JSON.stringify({ ...JSON.parse(readFileSync(artifact('shop'), 'utf8')), formatVersion: 3 }),
    );
    const future = await planJson(['--scans', newer]);
    expect(future.code).toBe(2);
    expect(future.err).toContain('newer than this kms-codemod reads');
  }, 60_000);
});
