import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { skipOrFail } from '../support/gate.js';
import { runCli } from './run-cli.js';

const CLI = 'dist/src/cli/main.js';

it('lsp --help: --stdio, the config and cache flags and the exit status table; an unknown flag is one line and exit 2', async () => {
  const help = await runCli(['lsp', '--help']);
  expect(help.code).toBe(0);
  for (const flag of [
    '--stdio',
    '-c, --config <file>',
    '--no-config',
    '--no-cache',
    '--cache-location <dir>',
  ])
    expect(help.out).toContain(flag);
  expect(help.out.replace(/\s+/g, ' ')).toContain('in or above each workspace folder');
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

it('the built server indexes the workspace in its index process: a ReEncrypt in another file blocks a client', async (ctx) => {
  if (!existsSync(CLI)) skipOrFail(ctx, `${CLI} is missing: run npm run build`);
  const root = join(process.cwd(), 'fixtures/lsp/workspace');
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const c = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const ends: unknown[] = [];
  const published: { uri: string; diagnostics: { message: string; code?: unknown }[] }[] = [];
  c.onNotification('$/progress', (p: { value: { kind: string } }) => p.value.kind === 'end' && ends.push(p));
  c.onNotification('textDocument/publishDiagnostics', (p: (typeof published)[number]) => published.push(p));
  c.onRequest('window/workDoneProgress/create', () => null);
  c.listen();
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { window: { workDoneProgress: true } },
  });
  await c.sendNotification('initialized', {});
  const path = join(root, 'archive-java/src/main/java/com/acme/archive/ArchiveClient.java');
  const uri = pathToFileURL(path).href;
  await c.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'java', version: 1, text: readFileSync(path, 'utf8') },
  });
  const deadline = Date.now() + 120000;
  const blocked = () =>
    published.some(
      (p) =>
        p.uri === uri &&
        p.diagnostics.some((d) => d.code === 'legacy-kms-client' && d.message.includes('is blocked')),
    );
  while (!(ends.length > 0 && blocked()) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  expect(ends.length).toBeGreaterThan(0);
  expect(blocked()).toBe(true);
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  c.dispose();
}, 180000);

/** Live (not yet reaped) child processes of `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === pid && state !== 'Z') out.push(Number(name));
  }
  return out;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

it('the built server stops the index process it started ahead when the client asks for no index, and starts none', async (ctx) => {
  if (!existsSync(CLI)) skipOrFail(ctx, `${CLI} is missing: run npm run build`);
  if (!existsSync('/proc/self/stat')) ctx.skip();
  const root = join(process.cwd(), 'fixtures/lsp/workspace');
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const pid = child.pid ?? -1;
  const c = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  c.onRequest('window/workDoneProgress/create', () => null);
  c.listen();
  // The index process is started before the client says anything.
  expect(await until(() => childrenOf(pid).length > 0, 10000)).toBe(true);
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { indexWorkspace: false },
  });
  await c.sendNotification('initialized', {});
  expect(await until(() => childrenOf(pid).length === 0, 10000)).toBe(true);
  // Opening a file analyses it in the server; no index process comes back for it.
  const path = join(root, 'archive-java/src/main/java/com/acme/archive/ArchiveClient.java');
  await c.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri: pathToFileURL(path).href,
      languageId: 'java',
      version: 1,
      text: readFileSync(path, 'utf8'),
    },
  });
  await new Promise((r) => setTimeout(r, 1000));
  expect(childrenOf(pid)).toEqual([]);
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  c.dispose();
}, 60000);
