import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ClientCapabilities, CodeAction, Command } from 'vscode-languageserver';
import { FIX_ALL_KIND, MIGRATE_TITLE } from '../../src/lsp/index.js';
import { migrate } from '../../src/migrate/index.js';
import { applyWorkspaceEdit, editedDocuments, fullCapabilities, LspTestClient, uriOf } from './lsp-client.js';
import { copyWorkspace, FILES, rangeOf, read, removeTemps } from './workspace-fixture.js';

const clients: LspTestClient[] = [];
async function started(
  root: string,
  capabilities: ClientCapabilities = fullCapabilities(),
): Promise<LspTestClient> {
  const c = new LspTestClient({ folders: [root], capabilities });
  clients.push(c);
  await c.initialize();
  await c.indexed();
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown().catch(() => undefined);
});
afterAll(removeTemps);

/** What `kms-codemod migrate` (dry run) would write for each file of the workspace. */
async function migrated(root: string): Promise<Map<string, string>> {
  const result = await migrate({ paths: [root] });
  return new Map(result.changes.map((c) => [c.path, c.after]));
}

async function clientDiagnostic(c: LspTestClient, uri: string) {
  const diags = await c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'legacy-kms-client'));
  return diags.find((d) => d.code === 'legacy-kms-client')!;
}

function withoutResolve(): ClientCapabilities {
  const caps = fullCapabilities();
  delete caps.textDocument!.codeAction!.resolveSupport;
  return caps;
}

describe('quick fix: migrate this client', () => {
  it('resolves lazily into one versioned WorkspaceEdit with the source and the manifest, equal to migrate', async () => {
    const root = copyWorkspace();
    const expected = await migrated(root);
    const c = await started(root);
    const path = join(root, FILES.java);
    const uri = await c.open(path);
    const diag = await clientDiagnostic(c, uri);
    const actions = await c.codeActions(uri, diag.range);
    const quick = actions.find((a) => a.title === MIGRATE_TITLE)!;
    expect(quick.kind).toBe('quickfix');
    expect(quick.isPreferred).toBe(true);
    expect(quick.edit, 'computed only on resolve').toBeUndefined();
    expect(quick.diagnostics?.[0].code).toBe('legacy-kms-client');
    const resolved = await c.resolve(quick);
    const pom = join(root, 'orders-java/pom.xml');
    expect(editedDocuments(resolved.edit!)).toEqual([
      { uri, version: 1 },
      { uri: uriOf(pom), version: null },
    ]);
    expect(applyWorkspaceEdit(resolved.edit!, uri, c.texts.get(uri)!)).toBe(expected.get(path));
    expect(applyWorkspaceEdit(resolved.edit!, uriOf(pom), read(root, 'orders-java/pom.xml'))).toBe(
      expected.get(pom),
    );
  });

  it('computes the edit up front for a client without resolve, as `changes` without documentChanges', async () => {
    const root = copyWorkspace();
    const expected = await migrated(root);
    const caps = withoutResolve();
    caps.workspace!.workspaceEdit = { documentChanges: false };
    const c = await started(root, caps);
    const path = join(root, FILES.python);
    const uri = await c.open(path);
    const diag = await clientDiagnostic(c, uri);
    const quick = (await c.codeActions(uri, diag.range)).find((a) => a.title === MIGRATE_TITLE)!;
    expect(quick.edit?.changes).toBeDefined();
    expect(quick.edit?.documentChanges).toBeUndefined();
    expect(applyWorkspaceEdit(quick.edit!, uri, c.texts.get(uri)!)).toBe(expected.get(path));
    const reqs = join(root, 'billing-py/requirements.txt');
    expect(applyWorkspaceEdit(quick.edit!, uriOf(reqs), read(root, 'billing-py/requirements.txt'))).toBe(
      expected.get(reqs),
    );
  });

  it('works on the buffers: an unsaved manifest is edited as it is in the editor, with its version', async () => {
    const root = copyWorkspace();
    const c = await started(root);
    const pkg = join(root, 'notify-ts/package.json');
    const pkgText = read(root, 'notify-ts/package.json').replace(
      '"private": true,',
      '"private": true,\n  "license": "MIT",',
    );
    const pkgUri = await c.open(pkg, pkgText, 'json');
    await c.change(pkgUri, [{ text: pkgText }]);
    const uri = await c.open(join(root, FILES.ts));
    const diag = await clientDiagnostic(c, uri);
    const resolved = await c.resolve(
      (await c.codeActions(uri, diag.range)).find((a) => a.title === MIGRATE_TITLE)!,
    );
    expect(editedDocuments(resolved.edit!)).toContainEqual({ uri: pkgUri, version: 2 });
    const after = applyWorkspaceEdit(resolved.edit!, pkgUri, pkgText);
    expect(after).toContain('"license": "MIT"');
    expect(after).toContain('"@kms-codemod/transfer"');
  });

  it('resolves for the buffer as it is now when it changed after the list', async () => {
    const root = copyWorkspace();
    const expected = await migrated(root);
    const c = await started(root);
    const path = join(root, FILES.go);
    const uri = await c.open(path);
    const diag = await clientDiagnostic(c, uri);
    const quick = (await c.codeActions(uri, diag.range)).find((a) => a.title === MIGRATE_TITLE)!;
    await c.change(uri, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        text: '// Ledger tool.\n',
      },
    ]);
    const resolved = await c.resolve(quick);
    expect(editedDocuments(resolved.edit!)[0]).toEqual({ uri, version: 2 });
    expect(applyWorkspaceEdit(resolved.edit!, uri, c.texts.get(uri)!)).toBe(
      `// Ledger tool.\n${expected.get(path)}`,
    );
  });

  it('offers commands to a client without code action literals, applied through workspace/applyEdit', async () => {
    const root = copyWorkspace();
    const caps = withoutResolve();
    delete caps.textDocument!.codeAction!.codeActionLiteralSupport;
    const c = await started(root, caps);
    const uri = await c.open(join(root, FILES.java));
    const diag = await clientDiagnostic(c, uri);
    const items = (await c.codeActions(uri, diag.range)) as unknown as Command[];
    const command = items.find((i) => i.title === MIGRATE_TITLE)!;
    expect(command.command).toBe('kms-codemod.applyCodeAction');
    await c.connection.sendRequest('workspace/executeCommand', {
      command: command.command,
      arguments: command.arguments,
    });
    await c.waitFor('workspace/applyEdit', () => c.applied.length > 0);
    expect(editedDocuments(c.applied[0]).map((d) => d.uri)).toContain(uri);
  });
});

describe('fix-all', () => {
  it('source.fixAll.kms-codemod migrates every client of the file, as migrate does', async () => {
    const root = copyWorkspace();
    const path = join(root, FILES.java);
    // Two clients in one file (the second one unsaved).
    const text = read(root, FILES.java).replace(
      '    public String seal(',
      '    private final IAcsClient spare = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai"));\n\n    public String seal(',
    );
    const c = await started(root);
    const uri = await c.open(path, text);
    await c.diagnostics(uri, (p) => p.diagnostics.filter((d) => d.code === 'legacy-kms-client').length === 2);
    const all = await c.codeActions(uri, rangeOf(text, 'package'), ['source.fixAll']);
    expect(all.map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
    const resolved = await c.resolve(all[0]);
    const fixed = applyWorkspaceEdit(resolved.edit!, uri, text);
    expect(fixed).not.toContain('new DefaultAcsClient');
    expect(fixed.match(/new KmsTransferAcsClient\(/g)?.length).toBe(2);
    // Idempotent: the fixed buffer offers nothing more.
    await c.change(uri, [{ text: fixed }]);
    await c.diagnostics(uri, (p) => p.version === 2);
    expect(await c.codeActions(uri, rangeOf(fixed, 'package'), ['source.fixAll'])).toEqual([]);
  });
});

describe('a blocked application', () => {
  it('offers no rewrite, says which call blocks it and where, and follows an edit of that other file', async () => {
    const root = copyWorkspace();
    const c = await started(root);
    const uri = await c.open(join(root, FILES.blockedClient));
    const blocked = await c.diagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.message.includes('is blocked')),
    );
    const diag = blocked.find((d) => d.code === 'legacy-kms-client')!;
    expect(diag.message).toContain(`calls ReEncrypt at ${FILES.blockedCall}:11`);
    expect(diag.relatedInformation?.[0].location.uri).toBe(uriOf(join(root, FILES.blockedCall)));
    expect(diag.relatedInformation?.[0].location.range.start.line).toBe(10);
    const actions: (CodeAction | Command)[] = await c.codeActions(uri, diag.range);
    expect(actions.map((a) => a.title)).not.toContain(MIGRATE_TITLE);
    expect(actions.map((a) => (a as CodeAction).kind)).not.toContain(FIX_ALL_KIND);
    const hover = await c.hover(uri, diag.range.start);
    expect(JSON.stringify(hover?.contents)).toContain(`ReEncrypt\` at ${FILES.blockedCall}:11`);

    // Remove the ReEncrypt in the other file's buffer: the client is no longer blocked.
    const other = await c.open(join(root, FILES.blockedCall));
    const text = c.texts.get(other)!;
    await c.change(other, [
      {
        text: text
          .replace(/ReEncryptRequest/g, 'DecryptRequest')
          .replace('request.setDestinationKeyId(keyId);\n', ''),
      },
    ]);
    await c.diagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'legacy-kms-client' && !d.message.includes('is blocked')),
    );
    const now = await c.codeActions(uri, diag.range);
    expect(now.map((a) => a.title)).toContain(MIGRATE_TITLE);
  });
});

describe('an application scan could not read in full', () => {
  it('offers no rewrite, as migrate leaves it alone, and says which file could not be read', async () => {
    const root = copyWorkspace();
    // A second source of the orders application over the size limit: scan skips it, so the
    // application's verdict is incomplete and migrate refuses to rewrite any of it.
    writeFileSync(join(root, 'kms-codemod.config.json'), JSON.stringify({ maxFileSize: 4000 }));
    const big = 'orders-java/src/main/java/com/acme/orders/Padding.java';
    writeFileSync(
      join(root, big),
      `package com.acme.orders;\n\n${'// padding\n'.repeat(600)}class Padding {}\n`,
    );
    const refused = await migrate({ paths: [root] });
    expect(refused.changes.map((ch) => ch.path)).not.toContain(join(root, FILES.java));

    const c = await started(root);
    const uri = await c.open(join(root, FILES.java));
    const diags = await c.diagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'legacy-kms-client' && d.message.includes('could not read')),
    );
    const diag = diags.find((d) => d.code === 'legacy-kms-client')!;
    expect(diag.message).toContain(big);
    const actions: (CodeAction | Command)[] = await c.codeActions(uri, diag.range);
    expect(actions.map((a) => a.title)).not.toContain(MIGRATE_TITLE);
    expect(actions.map((a) => (a as CodeAction).kind)).not.toContain(FIX_ALL_KIND);
    const hover = await c.hover(uri, diag.range.start);
    expect(JSON.stringify(hover?.contents)).toContain('could not read all of application orders-java');
  });
});

describe('hover', () => {
  it('on a KMS call says the action, where it is served after the move, and whether it blocks', async () => {
    const root = copyWorkspace();
    const c = await started(root);
    const uri = await c.open(join(root, FILES.java));
    await clientDiagnostic(c, uri);
    const text = c.texts.get(uri)!;
    const encrypt = await c.hover(uri, rangeOf(text, 'new EncryptRequest()').start);
    const shown = JSON.stringify(encrypt?.contents);
    expect(shown).toContain('Encrypt');
    expect(shown).toContain('served by the KMS instance');
    expect(shown).toContain('Does not block');

    const rewrap = await c.open(join(root, FILES.blockedCall));
    await c.diagnostics(rewrap);
    const reencrypt = await c.hover(rewrap, rangeOf(c.texts.get(rewrap)!, 'new ReEncryptRequest()').start);
    expect(JSON.stringify(reencrypt?.contents)).toContain('Blocks the move of this application');
    expect(await c.hover(uri, { line: 0, character: 0 })).toBeNull();
  });
});
