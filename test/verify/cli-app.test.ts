import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { appDir, requireApp } from './apps/app-commands.js';

// `kms-codemod verify --before/--after` as a user runs it: the flags, and what reaches the terminal.
describe('kms-codemod verify --before/--after (CLI)', () => {
  it.each([
    [['--before', 'a'], '--before needs --after'],
    [['--after', 'a'], '--after needs --before'],
    [['--run', 'a', '--before', 'b', '--after', 'c'], 'give either --run, or both --before and --after'],
    [['--normalize', 'x'], '--normalize and --no-compare apply to an app run'],
    [['--no-compare'], '--normalize and --no-compare apply to an app run'],
    [['--run', 'a', 'one', 'two'], '--run/--before/--after take one application directory'],
  ])('%j is a usage error: one line, exit 2', async (args, message) => {
    const r = await runCli(['verify', ...args]);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^kms-codemod verify: /);
    expect(lines[0]).toContain(message);
    expect(lines[1]).toBe("Run 'kms-codemod verify --help' for usage.");
    expect(r.out).toBe('');
  });

  it('a --normalize that is not a regular expression is a usage error naming it', async () => {
    const r = await runCli(['verify', '--run', 'true', '--normalize', '([a-z']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--normalize "([a-z" is not a valid regular expression');
  });

  it('--help explains the phases and the comparison', async () => {
    const r = await runCli(['verify', '--help']);
    for (const flag of [
      '--before <command>',
      '--after <command>',
      '--run <command>',
      '--normalize <regex>',
      '--no-compare',
      '--verbose',
    ])
      expect(r.out).toContain(flag);
  });

  it('a passing run prints no traceback: the TLS run’s expected failure goes to the kept log, and to --verbose', {
    timeout: 10 * 60_000,
  }, async (ctx) => {
    const app = await requireApp('python', ctx);
    const args = [
      'verify',
      '--before',
      app.before,
      '--after',
      app.after,
      appDir('python'),
      '--instance',
      'software',
    ];
    const quiet = await runCli([...args, '--normalize', '^read at .*$', '--keep']);
    const terminal = quiet.out + quiet.err;
    expect(quiet.code, terminal).toBe(0);
    expect(terminal).not.toMatch(/Traceback|File "|SSLCertVerificationError/);
    expect(terminal).toContain('What each check proved:');
    expect(terminal).toMatch(
      /tls-verified +--after \(`.*`\) refused the instance at 127\.0\.0\.1:\d+, whose certificate its CA did not sign: \[SSL: CERTIFICATE_VERIFY_FAILED\]/,
    );
    const kept = /Work directory kept: (\S+)/.exec(quiet.out)?.[1] ?? '';
    try {
      const log = join(kept, 'logs', 'tls.log');
      expect(existsSync(log), `${log} exists`).toBe(true);
      expect(readFileSync(log, 'utf8')).toContain('Traceback (most recent call last):');
    } finally {
      if (kept) rmSync(kept, { recursive: true, force: true });
    }

    const verbose = await runCli([...args, '--normalize', '^read at .*$', '--verbose', '--format', 'json']);
    expect(verbose.code).toBe(0);
    expect(verbose.err).toMatch(/\| \[software\] tls: Traceback \(most recent call last\):/);
    // The report itself stays clean: JSON on stdout, the output on stderr.
    const json = JSON.parse(verbose.out) as {
      ok: boolean;
      results: { checks: { id: string; evidence?: unknown }[] }[];
    };
    expect(json.ok).toBe(true);
    expect(json.results[0].checks.every((c) => c.evidence !== undefined || c.id === 'migrate')).toBe(true);
  });
});
