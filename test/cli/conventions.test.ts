import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-status.js';
import { runCli } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const FIX = join(ROOT, 'fixtures');
const READY = join(FIX, 'rules/legacy-kms-client/java/withComments/before');
const BLOCKED = join(FIX, 'rules/blocked-kms-api/typescript/positive-pop-core');
const CLEAN = join(FIX, 'rules/legacy-kms-client/typescript/negative-aws-kms');
const INVENTORY = join(FIX, 'keys/inventory.json');
const work = mkdtempSync(join(tmpdir(), 'kms-cli-conv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The commands that print a report, with the formats and whether they read kms-codemod.config.json. */
const COMMANDS = [
  { name: 'scan', formats: ['text', 'json', 'sarif', 'markdown', 'rdjsonl'], config: true, codes: [0, 1, 2] },
  { name: 'migrate', formats: ['text', 'json'], config: true, codes: [0, 1, 2] },
  { name: 'plan', formats: ['markdown', 'json'], config: true, codes: [0, 1, 2] },
  { name: 'keys', formats: ['text', 'json', 'markdown'], config: false, codes: [0, 2] },
  { name: 'verify', formats: ['text', 'json', 'markdown'], config: false, codes: [0, 1, 2] },
];

/** The rows of the "Exit status" section: [code, text]. */
function exitTable(help: string): [number, string][] {
  const section = help.slice(help.indexOf('Exit status:'));
  return [...section.matchAll(/^ {2}(\d) {2}(.+)$/gm)].map((m) => [Number(m[1]), m[2]]);
}

describe.each(COMMANDS)('kms-codemod $name', (c) => {
  it('--help lists the shared report flags and ends with the exit status table', async () => {
    const r = await runCli([c.name, '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '-f, --format <format>',
      '-o, --output <file>',
      '-q, --quiet',
      '--color',
      '--no-color',
    ])
      expect(r.out).toContain(flag);
    expect(r.out.replace(/\s+/g, ' ')).toContain(`choices: ${c.formats.map((f) => `"${f}"`).join(', ')}`);
    if (c.config) {
      expect(r.out).toContain('-c, --config <file>');
      expect(r.out).toContain('--no-config');
    }
    const table = exitTable(r.out);
    expect([...new Set(table.map(([code]) => code))]).toEqual(c.codes);
    // The codes come from the one mapping, and every status is explained.
    expect(table.every(([code]) => Object.values(EXIT_CODES).includes(code))).toBe(true);
    expect(table.find(([code]) => code === 2)?.[1]).toMatch(/usage error/);
  });

  it('a usage error prints one line and the --help hint, not the whole help, and exits 2', async () => {
    const r = await runCli([c.name, '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      "error: unknown option '--no-such-flag'",
      `Run 'kms-codemod ${c.name} --help' for usage.`,
    ]);
    expect(r.out).toBe('');
  });

  it('a bad --format is a usage error', async () => {
    const r = await runCli([c.name, '-f', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Allowed choices are');
    expect(r.err).toContain(`Run 'kms-codemod ${c.name} --help' for usage.`);
  });
});

describe('the exit status of each command', () => {
  it('scan: 0 clean, 1 a finding at --fail-on, 2 a missing path', async () => {
    expect((await runCli(['scan', CLEAN, '-q'])).code).toBe(0);
    expect((await runCli(['scan', BLOCKED, '-f', 'json'])).code).toBe(1);
    const missing = await runCli(['scan', join(work, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`Run 'kms-codemod scan --help' for usage.`);
  });

  it('migrate: 0 for a dry run, 1 for --check with a change pending, 2 for flags that exclude each other or a missing path', async () => {
    const app = join(work, 'migrate-app');
    cpSync(READY, app, { recursive: true });
    expect((await runCli(['migrate', app])).code).toBe(0);
    expect((await runCli(['migrate', '--check', app])).code).toBe(1);
    expect((await runCli(['migrate', '--write', '--check', app])).code).toBe(2);
    const missing = await runCli(['migrate', join(work, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or directory');
    expect(readFileSync(join(app, 'App.java'), 'utf8')).toBe(readFileSync(join(READY, 'App.java'), 'utf8'));
  });

  it('plan: 0 when nothing stands in the way, 1 for a blocked application, 2 without an inventory or with a missing path', async () => {
    expect((await runCli(['plan', CLEAN, '--keys', INVENTORY, '-f', 'json'])).code).toBe(0);
    expect((await runCli(['plan', join(FIX, 'repos/shop'), '--keys', INVENTORY, '-q'])).code).toBe(1);
    expect((await runCli(['plan', CLEAN])).code).toBe(2);
    expect((await runCli(['plan', join(work, 'nope'), '--keys', INVENTORY])).code).toBe(2);
  }, 60_000);

  it('keys: 0 when every key is judged, 2 when an entry cannot be', async () => {
    expect((await runCli(['keys', '--from', INVENTORY])).code).toBe(0);
    expect((await runCli(['keys', '--from', join(FIX, 'keys/partial.json')])).code).toBe(2);
  });

  it('verify: 2 for --run with two directories, 1 for a directory that is not a sample', async () => {
    const two = await runCli(['verify', '--run', 'true', work, work]);
    expect(two.code).toBe(2);
    expect(two.err).toContain(`Run 'kms-codemod verify --help' for usage.`);
    expect((await runCli(['verify', work, '-q', '-f', 'json', '--instance', 'software'])).code).toBe(1);
  }, 60_000);
});

/** The commands without --format: review picks a --reporter, lsp talks LSP. Same config, help and errors. */
describe.each([
  { name: 'review', codes: [0, 1, 2], flags: ['-o, --output <file>', '-q, --quiet', '--reporter <name>'] },
  { name: 'lsp', codes: [0, 1, 2], flags: ['--stdio'] },
])('kms-codemod $name', (c) => {
  it('--help lists the config flags and its own, and ends with the exit status table', async () => {
    const r = await runCli([c.name, '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['-c, --config <file>', '--no-config', '--no-cache', ...c.flags])
      expect(r.out).toContain(flag);
    const table = exitTable(r.out);
    expect([...new Set(table.map(([code]) => code))]).toEqual(c.codes);
    expect(table.find(([code]) => code === 2)?.[1]).toMatch(/usage error/);
  });

  it('a usage error prints one line and the --help hint, and exits 2', async () => {
    const r = await runCli([c.name, '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      "error: unknown option '--no-such-flag'",
      `Run 'kms-codemod ${c.name} --help' for usage.`,
    ]);
    expect(r.out).toBe('');
  });
});
