import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MessageType } from 'vscode-languageserver';
import { LspTestClient, pullCapabilities, uriOf } from './lsp-client.js';
import {
  copyWorkspace,
  emptyDir,
  FILES,
  rangeOf,
  removeTemps,
  textAt,
  WORKSPACE_FIXTURE,
} from './workspace-fixture.js';

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

const hasClient = (p: { diagnostics: { code?: unknown }[] }) =>
  p.diagnostics.some((d) => d.code === 'legacy-kms-client');

describe('config', () => {
  it('re-lints open documents when the config changes, without a restart', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root] });
    await c.initialize();
    await c.indexed();
    const uri = await c.open(join(root, FILES.java));
    await c.diagnostics(uri, hasClient);
    writeFileSync(join(root, 'kms-codemod.config.json'), '{ "rules": { "legacy-kms-client": "off" } }\n');
    await c.watchedFilesChanged([{ path: join(root, 'kms-codemod.config.json'), type: 1 }]);
    const off = await c.diagnostics(uri, (p) => !hasClient(p));
    expect(off.map((d) => d.code)).toContain('kms-action');
    writeFileSync(join(root, 'kms-codemod.config.json'), '{ "rules": { "legacy-kms-client": "error" } }\n');
    await c.watchedFilesChanged([{ path: join(root, 'kms-codemod.config.json'), type: 2 }]);
    const error = await c.diagnostics(uri, hasClient);
    expect(error.find((d) => d.code === 'legacy-kms-client')?.severity).toBe(1);
    // The server asked the client to watch config files.
    expect(JSON.stringify(c.registrations)).toContain('kms-codemod.config.json');
  });

  it('reports an invalid config on the file and with showMessage, and keeps linting with the last valid one', async () => {
    const root = copyWorkspace();
    const configPath = join(root, 'kms-codemod.config.json');
    writeFileSync(configPath, '{ "rules": { "kms-action": "off" } }\n');
    const c = client({ folders: [root] });
    await c.initialize();
    const uri = await c.open(join(root, FILES.go));
    await c.diagnostics(uri, (p) => hasClient(p) && !p.diagnostics.some((d) => d.code === 'kms-action'));
    const broken = '{\n  "rules": { "kms-action": "off" },\n  "ignore": ["vendor/**"]\n}\n';
    writeFileSync(configPath, broken);
    await c.watchedFilesChanged([{ path: configPath, type: 2 }]);
    const onConfig = await c.diagnostics(uriOf(configPath), (p) => p.diagnostics.length > 0);
    expect(onConfig[0].message).toContain('unknown field "ignore"');
    expect(textAt(broken, onConfig[0].range)).toBe('"ignore"');
    await c.waitFor('showMessage', () => c.messages.length > 0);
    expect(c.messages[0].type).toBe(MessageType.Error);
    expect(c.messages[0].message).toContain('kms-codemod.config.json');
    // Still linting, still with kms-action off (the last valid config).
    const text = c.texts.get(uri)!;
    await c.change(uri, [{ range: rangeOf(text, 'package main'), text: 'package main // edited' }]);
    const after = await c.diagnostics(uri, (p) => p.version === 2);
    expect(after.some((d) => d.code === 'legacy-kms-client')).toBe(true);
    expect(after.some((d) => d.code === 'kms-action')).toBe(false);
    // Fixed: the config's diagnostics are cleared.
    writeFileSync(configPath, '{ "rules": { "kms-action": "off" } }\n');
    await c.watchedFilesChanged([{ path: configPath, type: 2 }]);
    await c.diagnostics(uriOf(configPath), (p) => p.diagnostics.length === 0);
  });

  it('reports a JSON syntax error at its position, from the buffer while the config is open', async () => {
    const root = copyWorkspace();
    const configPath = join(root, 'kms-codemod.config.json');
    writeFileSync(configPath, '{}\n');
    const c = client({ folders: [root], initializationOptions: { indexWorkspace: false } });
    await c.initialize();
    const uri = await c.open(configPath, '{}\n', 'json');
    await c.change(uri, [{ text: '{ "rules": { } ,, }\n' }]);
    const d = await c.diagnostics(uri, (p) => p.diagnostics.length > 0);
    expect(d[0].message).toContain('not valid JSON');
    expect(d[0].range.start.line).toBe(0);
    expect(d[0].range.start.character).toBeGreaterThan(10);
  });

  it('finds the config upward from the workspace folder, and uses each folder its own (multi-root)', async () => {
    const outer = emptyDir();
    cpSync(WORKSPACE_FIXTURE, join(outer, 'repo'), { recursive: true });
    // repo/kms-codemod.config.json governs repo/orders-java (a folder below it); billing-py gets its own.
    writeFileSync(
      join(outer, 'repo', 'kms-codemod.config.json'),
      '{ "rules": { "legacy-kms-client": "error" } }\n',
    );
    writeFileSync(
      join(outer, 'repo', 'billing-py', 'kms-codemod.config.json'),
      '{ "rules": { "legacy-kms-client": "info" } }\n',
    );
    const java = join(outer, 'repo', 'orders-java');
    const python = join(outer, 'repo', 'billing-py');
    const c = client({ folders: [java, python], capabilities: pullCapabilities() });
    await c.initialize();
    await c.indexed(2);
    const javaUri = await c.open(join(outer, 'repo', FILES.java));
    const pyUri = await c.open(join(outer, 'repo', FILES.python));
    const j = await c.pull(javaUri);
    const p = await c.pull(pyUri);
    if (j.kind !== 'full' || p.kind !== 'full') throw new Error('expected full reports');
    expect(j.items.find((d) => d.code === 'legacy-kms-client')?.severity).toBe(1);
    expect(p.items.find((d) => d.code === 'legacy-kms-client')?.severity).toBe(3);
    const titles = c.progress.filter((e) => e.value.kind === 'begin').map((e) => e.value.title);
    expect(titles.sort()).toEqual(['kms-codemod: indexing folder0', 'kms-codemod: indexing folder1']);
  });
});

describe('workspace index', () => {
  it('reports $/progress while it builds, and the diagnostics of a file follow another file changing on disk', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root] });
    await c.initialize();
    await c.indexed();
    const kinds = c.progress.map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(new Set(c.progress.map((p) => p.token)).size).toBe(1);
    const uri = await c.open(join(root, FILES.java));
    await c.diagnostics(
      uri,
      (p) => hasClient(p) && !p.diagnostics.some((d) => d.message.includes('is blocked')),
    );
    // A ReEncrypt appears on disk in another file of orders-java (a git pull, another editor).
    const rewrap = join(root, 'orders-java/src/main/java/com/acme/orders/Rewrap.java');
    mkdirSync(join(root, 'orders-java/src/main/java/com/acme/orders'), { recursive: true });
    writeFileSync(
      rewrap,
      'package com.acme.orders;\n\nimport com.aliyuncs.IAcsClient;\nimport com.aliyuncs.kms.model.v20160120.ReEncryptRequest;\n\nclass Rewrap {\n    static Object go(IAcsClient c) throws Exception {\n        return c.getAcsResponse(new ReEncryptRequest());\n    }\n}\n',
    );
    await c.watchedFilesChanged([{ path: rewrap, type: 1 }]);
    const blocked = await c.diagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.message.includes('is blocked')),
    );
    expect(blocked.find((d) => d.code === 'legacy-kms-client')?.message).toContain(
      'calls ReEncrypt at orders-java/src/main/java/com/acme/orders/Rewrap.java:8',
    );
    expect(c.progress.filter((p) => p.value.kind === 'begin').length).toBe(2);
  });

  it('rebuilds during a burst of changes on disk that never settles (the wait is bounded)', async () => {
    const root = copyWorkspace();
    const c = client({ folders: [root] });
    await c.initialize();
    await c.indexed();
    // A build tool touching a manifest every 50 ms, longer than the rebuild's debounce could ever wait.
    const pom = join(root, 'orders-java/pom.xml');
    const started = Date.now();
    let rebuilt = false;
    while (!rebuilt && Date.now() - started < 8000) {
      await c.watchedFilesChanged([{ path: pom, type: 2 }]);
      await new Promise((r) => setTimeout(r, 50));
      rebuilt = c.progress.filter((p) => p.value.kind === 'begin').length >= 2;
    }
    expect(rebuilt).toBe(true);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('rebuilds from the fact cache: after one file changes on disk, only that file is parsed again', async () => {
    const root = copyWorkspace();
    const cacheDir = emptyDir();
    const c = client({ folders: [root], server: { cache: { location: cacheDir, strategy: 'content' } } });
    await c.initialize();
    await c.indexed();
    const ends = () =>
      c.progress.filter((p) => p.value.message?.startsWith('indexed')).map((p) => p.value.message);
    const [cold] = ends();
    expect(cold).toMatch(/^indexed \d+ files: [1-9]\d* parsed, 0 from the cache$/);
    const go = join(root, FILES.go);
    writeFileSync(go, `// edited on disk\n${readFileSync(go, 'utf8')}`);
    await c.watchedFilesChanged([{ path: go, type: 2 }]);
    await c.indexed(2);
    const warm = ends()[1];
    const [, files, parsed, cached] = /^indexed (\d+) files: (\d+) parsed, (\d+) from the cache$/.exec(
      warm!,
    )!;
    expect(Number(parsed)).toBe(1);
    expect(Number(cached)).toBeGreaterThan(0);
    expect(Number(files)).toBe(Number(/^indexed (\d+)/.exec(cold!)![1]));
  });

  it('analyses open files without waiting for the index, and leaves out files the config ignores', async () => {
    const root = copyWorkspace();
    writeFileSync(join(root, 'kms-codemod.config.json'), '{ "ignores": ["billing-py/**"] }\n');
    const c = client({ folders: [root], initializationOptions: { indexWorkspace: false } });
    await c.initialize();
    const uri = await c.open(join(root, FILES.ts));
    await c.diagnostics(uri, hasClient);
    expect(c.progress).toEqual([]);
    const ignored = await c.open(join(root, FILES.python));
    expect(await c.diagnostics(ignored)).toEqual([]);
  });

  it('analyses a file outside every folder on its own, with the config above it', async () => {
    const dir = emptyDir();
    cpSync(join(WORKSPACE_FIXTURE, 'ledger-go'), dir, { recursive: true });
    writeFileSync(join(dir, 'kms-codemod.config.json'), '{ "rules": { "legacy-kms-client": "error" } }\n');
    const c = client({ folders: [] });
    await c.initialize();
    const uri = await c.open(join(dir, 'main.go'));
    const d = await c.diagnostics(uri, hasClient);
    expect(d.find((x) => x.code === 'legacy-kms-client')?.severity).toBe(1);
  });
});
