import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { skipOrFail } from '../support/gate.js';
import { runCli } from './run-cli.js';

const CLI = 'dist/src/cli/main.js';

it('lsp --help: --stdio, the config flags and the exit status table; an unknown flag is one line and exit 2', async () => {
  const help = await runCli(['lsp', '--help']);
  expect(help.code).toBe(0);
  for (const flag of ['--stdio', '-c, --config <file>', '--no-config']) expect(help.out).toContain(flag);
  expect(help.out).toContain('in or above each workspace folder');
  const codes = [...help.out.slice(help.out.indexOf('Exit status:')).matchAll(/^ {2}(\d) {2}/gm)].map((m) =>
    Number(m[1]),
  );
  expect(codes).toEqual([0, 1, 2]);
  const bad = await runCli(['lsp', '--tcp']);
  expect(bad.code).toBe(2);
  expect(bad.err.trim().split('\n')).toEqual([
    "error: unknown option '--tcp'",
    "Run 'kms-codemod lsp --help' for usage.",
  ]);
});

/** Runs the built CLI's server; `script` talks to it; resolves with the exit code and raw stdout. */
async function session(script: (c: ReturnType<typeof createMessageConnection>) => Promise<void>) {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.on('data', (d) => {
    raw += d.toString('utf8');
  });
  const c = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  c.listen();
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  await c.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await c.sendNotification('initialized', {});
  await script(c);
  const code = await exited;
  c.dispose();
  return { code, raw };
}

it('kms-codemod lsp --stdio exits 0 after shutdown and exit, 1 without shutdown, and writes only LSP to stdout', async (ctx) => {
  if (!existsSync(CLI)) skipOrFail(ctx, `${CLI} is missing: run npm run build`);
  const clean = await session(async (c) => {
    await c.sendRequest('shutdown');
    await c.sendNotification('exit');
  });
  expect(clean.code).toBe(0);
  // Every byte on stdout is a framed message (a stray console.log would break the client).
  expect(
    clean.raw
      .replace(/Content-Length: (\d+)\r\n\r\n/g, '')
      .replace(/\{"jsonrpc":"2\.0".*?\}(?=$|Content-Length)/gs, ''),
  ).toBe('');
  const abrupt = await session(async (c) => {
    await c.sendNotification('exit');
  });
  expect(abrupt.code).toBe(1);
});
