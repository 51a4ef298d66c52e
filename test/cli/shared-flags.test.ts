import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useColor } from '../../src/cli/options.js';
import { runCli } from './run-cli.js';

const FIX = join(import.meta.dirname, '../../fixtures');
const READY_JAVA = join(FIX, 'rules/legacy-kms-client/java/withComments/before');
const BLOCKED_TS = join(FIX, 'rules/blocked-kms-api/typescript/positive-pop-core');
const work = mkdtempSync(join(tmpdir(), 'kms-cli-flags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const ESC = '\x1b[';

/** A fresh copy of a fixture under the work directory. */
function copy(from: string, name: string): string {
  const dir = join(work, name);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('color', () => {
  it('--color/--no-color first, then FORCE_COLOR, then NO_COLOR, then a terminal not written to a file', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(useColor({}, tty, {})).toBe(true);
    expect(useColor({}, pipe, {})).toBe(false);
    expect(useColor({ output: 'r.txt' }, tty, {})).toBe(false);
    expect(useColor({}, tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({}, tty, { NO_COLOR: '' })).toBe(true);
    expect(useColor({}, pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor({}, tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor({}, pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColor({ color: false }, tty, { FORCE_COLOR: '1' })).toBe(false);
    expect(useColor({ color: true }, pipe, { NO_COLOR: '1' })).toBe(true);
  });

  it('scan and migrate color a piped report under FORCE_COLOR or --color, never with --no-color', async () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '');
    expect((await runCli(['scan', BLOCKED_TS])).out).not.toContain(ESC);
    expect((await runCli(['scan', BLOCKED_TS, '--color'])).out).toContain(ESC);
    const app = copy(READY_JAVA, 'color-app');
    expect((await runCli(['migrate', app])).out).not.toContain(ESC);
    expect((await runCli(['migrate', app, '--color'])).out).toContain(ESC);
    vi.stubEnv('FORCE_COLOR', '1');
    expect((await runCli(['scan', BLOCKED_TS])).out).toContain(ESC);
    expect((await runCli(['migrate', app])).out).toContain(ESC);
    expect((await runCli(['scan', BLOCKED_TS, '--no-color'])).out).not.toContain(ESC);
  });
});

describe('config discovery', () => {
  // repo/kms-codemod.config.json turns blocked-kms-api off and ignores svc/gen/; repo/svc/ is scanned.
  const repo = join(work, 'cfg-repo');
  mkdirSync(join(repo, 'svc/gen'), { recursive: true });
  cpSync(join(BLOCKED_TS, 'rewrap.ts'), join(repo, 'svc/rewrap.ts'));
  cpSync(join(BLOCKED_TS, 'rewrap.ts'), join(repo, 'svc/gen/copy.ts'));
  writeFileSync(
    join(repo, 'kms-codemod.config.json'),
    JSON.stringify({ ignores: ['svc/gen/'], rules: { 'blocked-kms-api': 'off' } }),
  );
  const rules = async (args: string[], cwd?: string) => {
    const r = await runCli(['scan', ...args, '-f', 'json'], { cwd });
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { findings: { ruleId: string; file: string }[] };
    return j.findings;
  };

  it('is found by searching upward from the scanned path, and its ignores are relative to its own directory', async () => {
    const found = await rules([join(repo, 'svc')]);
    expect(found.some((f) => f.ruleId === 'blocked-kms-api')).toBe(false);
    expect(found.some((f) => f.file.includes('gen/'))).toBe(false);
    expect(found.length).toBeGreaterThan(0);
  });

  it('is found from the working directory when no path is given', async () => {
    const found = await rules([], join(repo, 'svc'));
    expect(found.some((f) => f.ruleId === 'blocked-kms-api')).toBe(false);
  });

  it('--no-config ignores it, --config FILE replaces it', async () => {
    const none = await rules([join(repo, 'svc'), '--no-config']);
    expect(none.filter((f) => f.ruleId === 'blocked-kms-api').length).toBeGreaterThan(0);
    expect(none.some((f) => f.file.includes('gen/'))).toBe(true);
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ rules: { 'kms-action': 'off' } }));
    const replaced = await rules([join(repo, 'svc'), '--config', other]);
    expect(replaced.some((f) => f.ruleId === 'blocked-kms-api')).toBe(true);
    expect(replaced.some((f) => f.ruleId === 'kms-action')).toBe(false);
  });

  it('paths under different configs are refused with both named', async () => {
    const r = await runCli(['scan', join(repo, 'svc'), BLOCKED_TS]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('different config files');
    expect(r.err).toContain('--no-config');
  });

  it('migrate and plan read it too', async () => {
    const r = await runCli(['migrate', join(repo, 'svc'), '-f', 'json']);
    expect(JSON.parse(r.out).files.some((f: { file: string }) => f.file.includes('gen/'))).toBe(false);
  });
});

describe('scan', () => {
  it('ends its text report with the exact migrate command, carrying the path and selection flags', async () => {
    const r = await runCli(['scan', READY_JAVA, '--ignore', 'gen/**', '--no-config']);
    expect(r.out).toContain(`  kms-codemod migrate ${READY_JAVA} --no-config --ignore 'gen/**'\n`);
    expect(r.out).toContain('--write');
    // Nothing to migrate, nothing suggested; and never in a machine format.
    expect(
      (await runCli(['scan', join(FIX, 'rules/legacy-kms-client/typescript/negative-aws-kms')])).out,
    ).not.toContain('review the diff of');
    expect((await runCli(['scan', READY_JAVA, '-f', 'json'])).out).not.toContain('review the diff of');
  });

  it('has no --fix', async () => {
    expect((await runCli(['scan', READY_JAVA, '--fix'])).code).toBe(2);
  });

  it('--quiet reports errors only, and the exit status still counts every finding', async () => {
    const all = JSON.parse((await runCli(['scan', BLOCKED_TS, '-f', 'json'])).out);
    expect(all.findings.some((f: { severity: string }) => f.severity !== 'error')).toBe(true);
    const r = await runCli(['scan', BLOCKED_TS, '-f', 'json', '-q', '--fail-on', 'info']);
    const quiet = JSON.parse(r.out);
    expect(quiet.findings.length).toBeGreaterThan(0);
    expect(quiet.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    expect(r.code).toBe(1);
  });

  it("names a single file's application after its application directory, not '.'", async () => {
    const repo = join(work, 'single');
    copy(READY_JAVA, 'single/apps/orders');
    writeFileSync(join(repo, 'apps/orders/pom.xml'), '<project><dependencies></dependencies></project>\n');
    const r = await runCli(['scan', 'apps/orders/App.java', '-f', 'json'], { cwd: repo });
    const j = JSON.parse(r.out);
    expect(j.apps.map((a: { dir: string; verdict: string }) => [a.dir, a.verdict])).toContainEqual([
      'apps/orders',
      'ready',
    ]);
    expect(j.findings.filter((f: { ruleId: string }) => f.ruleId === 'legacy-kms-client')[0].app).toBe(
      'apps/orders',
    );
  });
});

describe('migrate', () => {
  it('--format json is the plan: files with edits and diffs, notes, verdicts', async () => {
    const app = copy(READY_JAVA, 'json-app');
    const r = await runCli(['migrate', app, '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.tool.name).toBe('kms-codemod');
    expect(j.summary).toMatchObject({ files: 1, written: 0, dryRun: true });
    const [file] = j.files;
    expect(file.file).toMatch(/App\.java$/);
    expect(file.kind).toBe('source');
    expect(file.diff).toContain('+        IAcsClient client = new KmsTransferAcsClient(profile, kmsConfig);');
    const before = readFileSync(join(app, 'App.java'), 'utf8');
    let after = before;
    for (const e of [...file.edits].sort((a: { start: number }, b: { start: number }) => b.start - a.start))
      after = after.slice(0, e.start) + e.text + after.slice(e.end);
    expect(after).toContain('new KmsTransferAcsClient(profile, kmsConfig)');
    expect(file.edits[0].range.start.line).toBeGreaterThan(0);
    expect(j.apps[0].verdict).toBe('ready');
    expect(Array.isArray(j.notes)).toBe(true);
  });

  it('--patch writes paths relative to the repository root, says where, and git apply takes it from there', async () => {
    const repo = join(work, 'patch-repo');
    copy(READY_JAVA, 'patch-repo/services/orders');
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'init');
    const patch = join(work, 'orders.patch');
    const r = await runCli(['migrate', '.', '--patch', patch], { cwd: join(repo, 'services/orders') });
    expect(r.code).toBe(0);
    const text = readFileSync(patch, 'utf8');
    expect(text).toContain('--- a/services/orders/App.java');
    expect(r.out).toContain(`wrote the patch to ${patch}`);
    expect(r.out).toContain(`git -C ${repo} apply ${patch}`);
    git(repo, 'apply', patch);
    expect(readFileSync(join(repo, 'services/orders/App.java'), 'utf8')).toContain('KmsTransferAcsClient');
  });

  it('--quiet prints only what was not rewritten', async () => {
    const app = copy(READY_JAVA, 'quiet-app');
    const r = await runCli(['migrate', app, '-q']);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('-o writes the report to a file', async () => {
    const app = copy(READY_JAVA, 'out-app');
    const file = join(work, 'migrate.txt');
    const r = await runCli(['migrate', app, '-o', file]);
    expect(r.out).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('1 file(s) would change');
  });
});

describe('progress line', () => {
  /** Runs the CLI with stderr on a "terminal" and a clock that moves 2 s per reading. */
  async function withTerminal(args: string[]): Promise<string> {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    let t = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => {
      t += 2000;
      return t;
    });
    try {
      return (await runCli(args)).err;
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  }

  it('migrate and plan draw it on a terminal, and not under --quiet', async () => {
    const app = copy(READY_JAVA, 'progress-app');
    expect(await withTerminal(['migrate', app])).toMatch(/\r\x1b\[K(reading|parsing|finding)/);
    const plan = ['plan', app, '--keys', join(FIX, 'keys/inventory.json'), '-f', 'json'];
    expect(await withTerminal(plan)).toMatch(/\r\x1b\[K(reading|parsing|finding)/);
    expect(await withTerminal(['migrate', app, '-q'])).toBe('');
  });
});
