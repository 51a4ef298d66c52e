import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { LspTestClient, pullCapabilities, pushCapabilities, uriOf } from './lsp-client.js';
import { copyWorkspace, FILES, rangeOf, read, removeTemps, textAt } from './workspace-fixture.js';

const clients: LspTestClient[] = [];
function client(options: ConstructorParameters<typeof LspTestClient>[0]): LspTestClient {
  const c = new LspTestClient(options);
  clients.push(c);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown().catch(() => undefined);
});
afterAll(removeTemps);

describe('lifecycle and capabilities', () => {
  it('offers push to a push-only client and pull to a pull client, and exits 0 after shutdown', async () => {
    const root = copyWorkspace();
    const push = new LspTestClient({ folders: [root], capabilities: pushCapabilities() });
    const pushed = await push.initialize();
    expect(pushed.capabilities.diagnosticProvider).toBeUndefined();
    expect(pushed.capabilities.positionEncoding).toBe('utf-16');
    expect(pushed.capabilities.codeActionProvider).toEqual({
      codeActionKinds: ['quickfix', 'source.fixAll.kms-codemod'],
      resolveProvider: true,
    });
    expect(pushed.serverInfo?.name).toBe('kms-codemod');
    expect(await push.shutdown()).toBe(0);

    const pull = new LspTestClient({ folders: [root], capabilities: pullCapabilities() });
    const pulled = await pull.initialize();
    expect(pulled.capabilities.diagnosticProvider).toMatchObject({
      identifier: 'kms-codemod',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
    await pull.connection.sendNotification('exit');
    expect(await pull.server.exited, 'exit without shutdown').toBe(1);
    pull.connection.dispose();
  });
});

describe('push diagnostics', () => {
  it('publishes every rule on open, from the unsaved buffer, with code, README link and source', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root], initializationOptions: { indexWorkspace: false } });
    await c.initialize();
    const path = join(root, FILES.java);
    // The buffer differs from the disk: a second, unsaved client.
    const text = read(root, FILES.java).replace(
      '    public String seal(',
      '    private final IAcsClient spare = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai"));\n\n    public String seal(',
    );
    const uri = await c.open(path, text);
    const diags = await c.diagnostics(uri);
    const clientsFound = diags.filter((d) => d.code === 'legacy-kms-client');
    expect(clientsFound.map((d) => textAt(text, d.range))).toEqual([
      'new DefaultAcsClient(profile)',
      'new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai"))',
    ]);
    const first = clientsFound[0];
    expect(first.source).toBe('kms-codemod');
    expect(first.severity).toBe(DiagnosticSeverity.Warning);
    expect(first.message).toContain('DefaultAcsClient');
    const readme = fileURLToPath(first.codeDescription!.href);
    expect(readme.endsWith(join('src', 'rules', 'legacy-kms-client', 'README.md'))).toBe(true);
    expect(existsSync(readme)).toBe(true);
    // UTF-16 positions: the line holds Chinese text before the client.
    expect(first.range).toEqual(rangeOf(text, 'new DefaultAcsClient(profile)'));
    expect(diags.find((d) => d.code === 'kms-action')?.severity).toBe(DiagnosticSeverity.Information);
    expect(c.latest(uri)?.version).toBe(1);
  });

  it('follows changes, drops an out-of-order version, and never publishes an older version after a newer one', async () => {
    const root = copyWorkspace();
    const c = client({
      folders: [root],
      initializationOptions: { indexWorkspace: false, diagnosticDelayMs: 30 },
    });
    await c.initialize();
    const path = join(root, FILES.python);
    const uri = await c.open(path);
    await c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'legacy-kms-client'));
    const text = c.texts.get(uri)!;
    // A burst of edits: each renames the client variable one more character.
    for (let i = 0; i < 10; i++) {
      const at = rangeOf(c.texts.get(uri)!, 'client = AcsClient').start;
      await c.change(uri, [{ range: { start: at, end: at }, text: 'x' }]);
    }
    expect(c.version(uri)).toBe(11);
    await c.diagnostics(uri, (p) => p.version === 11);
    // Version 5 again, out of order: the server must drop it (the text stays version 11's).
    await c.change(uri, [{ text: 'import os\n' }], 5);
    // Then remove the client for real in version 12.
    const v12 = c.texts.get(uri)!.replace(/x+client = AcsClient\([\s\S]*?\n\)\n/, 'client = None\n');
    await c.change(uri, [{ text: v12 }]);
    const last = await c.diagnostics(uri, (p) => p.version === 12);
    expect(last.some((d) => d.code === 'legacy-kms-client')).toBe(false);
    const versions = c.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions).not.toContain(5);
    // The burst was coalesced: far fewer publishes than changes.
    expect(versions.filter((v) => v > 1 && v < 11).length).toBeLessThan(9);
    expect(c.logs.some((l) => l.includes('dropped a change') && l.includes('version 5'))).toBe(true);
    expect(text).not.toBe(c.texts.get(uri));
  });

  it('clears diagnostics on close', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root], initializationOptions: { indexWorkspace: false } });
    await c.initialize();
    const uri = await c.open(join(root, FILES.go));
    await c.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await c.close(uri);
    await c.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  });
});

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic for the current version, unchanged when nothing changed, and pushes nothing', async () => {
    const root = copyWorkspace();
    const c = client({
      folders: [root],
      capabilities: pullCapabilities(),
      initializationOptions: { indexWorkspace: false },
    });
    await c.initialize();
    const uri = await c.open(join(root, FILES.ts));
    const first = await c.pull(uri);
    if (first.kind !== 'full') throw new Error('expected a full report');
    expect(first.items.map((d) => d.code)).toContain('legacy-kms-client');
    expect(first.resultId).toBeDefined();
    const again = await c.pull(uri, first.resultId);
    expect(again.kind).toBe('unchanged');
    const text = c.texts.get(uri)!;
    await c.change(uri, [{ range: rangeOf(text, 'new RPCClient({'), text: 'makeClient({' }]);
    const after = await c.pull(uri, first.resultId);
    if (after.kind !== 'full') throw new Error('expected a full report after the change');
    expect(after.items.map((d) => d.code)).not.toContain('legacy-kms-client');
    expect(c.published.filter((p) => p.uri === uri)).toEqual([]);
  });

  it('answers workspace/diagnostic with the index for files that are not open', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root], capabilities: pullCapabilities() });
    await c.initialize();
    await c.indexed();
    const open = await c.open(join(root, FILES.java));
    const report = await c.pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    for (const f of [FILES.python, FILES.go, FILES.ts, FILES.blockedCall]) {
      const item = byUri.get(uriOf(join(root, f)));
      expect(item?.kind, f).toBe('full');
      expect(item?.version, f).toBeNull();
    }
    expect(byUri.get(open)?.version).toBe(1);
    const again = await c.pullWorkspace(report.items.map((i) => ({ uri: i.uri, value: i.resultId! })));
    expect(again.items.every((i) => i.kind === 'unchanged')).toBe(true);
  });
});
