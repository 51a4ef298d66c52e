import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runScanCli as run } from './run-scan.js';

// Records whether the rewriters were loaded: a plain scan must not pay for them.
const fixesModule = vi.hoisted(() => ({ loaded: false }));
vi.mock('../../src/migrate/scan-fixes.js', async (importOriginal) => {
  fixesModule.loaded = true;
  return importOriginal();
});

const FIX = join(import.meta.dirname, '../../fixtures/rules');
const out = mkdtempSync(join(tmpdir(), 'kms-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('kms-codemod scan', () => {
  const legacy = join(FIX, 'legacy-kms-client/typescript/positive-esm-default');
  const blocked = join(FIX, 'blocked-kms-api/typescript/positive-pop-core');
  const clean = join(FIX, 'legacy-kms-client/typescript/negative-aws-kms');

  // First in the file: once loaded, a module stays loaded for the later tests.
  it('loads the rewriters only when fixes are wanted (SARIF by default, JSON with --fixes)', async () => {
    const file = join(out, 'lazy.json');
    await run([legacy, '--format', 'json', '--output', file]);
    await run([legacy, '--format', 'sarif', '--no-fixes', '--output', file]);
    expect(fixesModule.loaded).toBe(false);
    await run([legacy, '--format', 'json', '--fixes', '--output', file]);
    expect(fixesModule.loaded).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).findings.some((f: { fix?: unknown }) => f.fix)).toBe(true);
  });

  it('exits 0 when no finding reaches --fail-on (default error), 1 when one does', async () => {
    const file = join(out, 'r.json');
    expect((await run([legacy, '--format', 'json', '--output', file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).findings.length).toBeGreaterThan(0);
    expect((await run([legacy, '--fail-on', 'warning', '--output', file])).code).toBe(1);
    expect((await run([blocked, '--output', file])).code).toBe(1);
    expect((await run([clean, '--fail-on', 'info', '--output', file])).code).toBe(0);
  });

  it('writes each format to --output', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const file = join(out, `r.${format}`);
      await run([blocked, '--format', format, '--output', file]);
      const body = readFileSync(file, 'utf8');
      if (format === 'json') expect(JSON.parse(body).tool.name).toBe('kms-codemod');
      if (format === 'sarif') expect(JSON.parse(body).version).toBe('2.1.0');
      if (format === 'markdown') expect(body).toContain('# KMS migration report');
      if (format === 'text') expect(body).toContain('rewrap.ts');
    }
  });

  it('applies --config severities and ignores, and --ignore', async () => {
    const cfg = join(out, 'cfg.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'blocked-kms-api': 'warning', 'kms-action': 'off' } }));
    const file = join(out, 'c.json');
    expect((await run([blocked, '--config', cfg, '--format', 'json', '--output', file])).code).toBe(0);
    const j = JSON.parse(readFileSync(file, 'utf8'));
    expect(
      j.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'blocked-kms-api')
        .map((f: { severity: string }) => f.severity),
    ).toEqual(['warning', 'warning']);
    expect(j.findings.some((f: { ruleId: string }) => f.ruleId === 'kms-action')).toBe(false);
    await run([blocked, '--ignore', 'rewrap.ts', '--format', 'json', '--output', file]);
    expect(JSON.parse(readFileSync(file, 'utf8')).findings).toEqual([]);
  });

  it('exits 2 on a path that does not exist', async () => {
    const r = await run([join(out, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file or directory');
  });

  it('exits 2 with the file and field named on a bad config', async () => {
    const cfg = join(out, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'no-such-rule': 'error' } }));
    const r = await run([blocked, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(cfg);
    expect(r.stderr).toContain('unknown rule "no-such-rule"');
  });

  it('colors the text report on a terminal, and not in a pipe, in a file or under NO_COLOR', async () => {
    const stdout = async (isTTY: boolean, args: string[] = []): Promise<string> => {
      let text = '';
      const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
      Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true });
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        text += String(chunk);
        return true;
      });
      try {
        await run([blocked, ...args]);
      } finally {
        write.mockRestore();
        if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
        else delete (process.stdout as { isTTY?: boolean }).isTTY;
      }
      return text;
    };
    const colored = await stdout(true);
    expect(colored).toContain('\x1b[31m');
    expect(colored).toContain('blocked-kms-api');
    const piped = await stdout(false);
    expect(piped).toContain('blocked-kms-api');
    expect(piped).not.toContain('\x1b[');
    vi.stubEnv('NO_COLOR', '1');
    try {
      expect(await stdout(true)).not.toContain('\x1b[');
    } finally {
      vi.unstubAllEnvs();
    }
    const file = join(out, 'tty.txt');
    expect(await stdout(true, ['--output', file])).toBe('');
    expect(readFileSync(file, 'utf8')).not.toContain('\x1b[');
  });
});
