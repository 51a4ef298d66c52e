import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_ROOT } from '../migrate/fixture-scenarios.js';
import { runCli } from './run-cli.js';

// Issue 13, point 5: exit codes say what happened (src/cli/exit-status.ts).

const migrateCli = (args: string[], cwd: string) => runCli(['migrate', ...args], { cwd });

describe('exit codes', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'kms-exit-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('a path that does not exist is a usage error (2) for migrate and plan, as for scan', async () => {
    const m = await migrateCli(['no-such-dir'], work);
    expect(m.code).toBe(2);
    expect(m.err).toContain('no such file or directory: no-such-dir');
    const p = await runCli(['plan', join(work, 'no-such-repo'), '--keys', 'fixtures/keys/inventory.json']);
    expect(p.code).toBe(2);
    expect(p.err).toContain('no such file or directory');
  });

  it('migrate --check stays red (1) while a blocked application keeps its legacy client or blocked call', async () => {
    cpSync(join(FIXTURE_ROOT, 'java/blockedApp/before'), work, { recursive: true });
    const check = await migrateCli(['--check'], work);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/migrate\/blocked-app.*blocked/);
    // A dry run and --write did what was asked: 0, whatever the verdicts.
    expect((await migrateCli([], work)).code).toBe(0);
    expect((await migrateCli(['--write'], work)).code).toBe(0);
    // Forced, the clients move but the blocked call is still there: still red.
    expect((await migrateCli(['--write', '--force'], work)).code).toBe(0);
    expect((await migrateCli(['--check'], work)).code).toBe(1);
  });

  it('migrate --check is red on an application that could not be read, unless --allow-incomplete', async () => {
    cpSync(join(FIXTURE_ROOT, 'java/withComments/after'), work, { recursive: true });
    expect((await migrateCli(['--check'], work)).code).toBe(0);
    // Reading /proc/self/mem fails with EIO, even for root.
    symlinkSync('/proc/self/mem', join(work, 'Unreadable.java'));
    const red = await migrateCli(['--check'], work);
    expect(red.code).toBe(1);
    expect(red.out).toMatch(/migrate\/incomplete-app.*could not read Unreadable\.java/);
    expect((await migrateCli(['--check', '--allow-incomplete'], work)).code).toBe(0);
  });

  it('a tree whose files are all ignored says that nothing was scanned, and --check is red', async () => {
    cpSync(join(FIXTURE_ROOT, 'java/withComments/before'), work, { recursive: true });
    writeFileSync(join(work, 'kms-codemod.config.json'), '{ "ignores": ["**"] }');
    const r = await migrateCli(['--check'], work);
    expect(r.code).toBe(1);
    expect(r.out).toContain('nothing was scanned');
  });
});
