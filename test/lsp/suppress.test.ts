import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { IGNORE_TITLE, MIGRATE_TITLE } from '../../src/lsp/index.js';
import { migrate } from '../../src/migrate/index.js';
import { scan } from '../../src/scan/index.js';
import { applyWorkspaceEdit, editedDocuments, LspTestClient } from './lsp-client.js';
import { copyWorkspace, FILES, read, removeTemps } from './workspace-fixture.js';

const clients: LspTestClient[] = [];
async function started(root: string): Promise<LspTestClient> {
  const c = new LspTestClient({ folders: [root] });
  clients.push(c);
  await c.initialize();
  await c.indexed();
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown().catch(() => undefined);
});
afterAll(removeTemps);

const CLIENT = 'legacy-kms-client';
const OPENER = { java: '//', python: '#', go: '//', ts: '//' } as const;

describe('ignore this finding on this line', () => {
  it.each(Object.keys(OPENER) as (keyof typeof OPENER)[])(
    '%s: writes the inline suppression comment above the line, which the server, scan and migrate then honour',
    async (lang) => {
      const root = copyWorkspace();
      const c = await started(root);
      const path = join(root, FILES[lang]);
      const uri = await c.open(path);
      const diags = await c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === CLIENT));
      const diag = diags.find((d) => d.code === CLIENT)!;
      const actions = (await c.codeActions(uri, diag.range)) as CodeAction[];
      const ignore = actions.find((a) => a.title === `${IGNORE_TITLE} (${CLIENT})`)!;
      expect(ignore.kind).toBe('quickfix');
      expect(ignore.diagnostics?.[0].code).toBe(CLIENT);
      expect(editedDocuments(ignore.edit!)).toEqual([{ uri, version: 1 }]);

      const before = c.texts.get(uri)!;
      const after = applyWorkspaceEdit(ignore.edit!, uri, before);
      const lines = after.split('\n');
      const comment = lines[diag.range.start.line];
      const target = before.split('\n')[diag.range.start.line];
      expect(comment.trim()).toBe(`${OPENER[lang]} kms-codemod-ignore-next-line ${CLIENT}`);
      // Indented like the line it silences, and nothing else changed.
      expect(comment.slice(0, comment.indexOf(OPENER[lang]))).toBe(/^\s*/.exec(target)![0]);
      expect(
        [...lines.slice(0, diag.range.start.line), ...lines.slice(diag.range.start.line + 1)].join('\n'),
      ).toBe(before);

      await c.change(uri, [{ text: after }]);
      await c.diagnostics(uri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === CLIENT));
      const now = (await c.codeActions(uri, {
        start: diag.range.start,
        end: diag.range.start,
      })) as CodeAction[];
      expect(now.map((a) => a.title)).not.toContain(MIGRATE_TITLE);
      const moved = { line: diag.range.start.line + 1, character: diag.range.start.character };
      expect(JSON.stringify((await c.hover(uri, moved))?.contents)).toContain(
        `Ignored by the comment on line ${diag.range.start.line + 1}`,
      );

      // The same comment, saved, silences the finding for scan and keeps migrate away from the client.
      writeFileSync(path, after);
      const scanned = await scan({ root });
      const finding = scanned.findings.find((f) => f.file === FILES[lang] && f.ruleId === CLIENT)!;
      expect(finding.suppressed?.kind).toBe('inline');
      const migrated = await migrate({ paths: [root] });
      expect(migrated.changes.map((ch) => ch.path)).not.toContain(path);
    },
  );

  it('adds the rule to a suppression comment already above the line instead of writing a second one', async () => {
    const root = copyWorkspace();
    const c = await started(root);
    const path = join(root, FILES.java);
    const original = read(root, FILES.java);
    const uri = await c.open(path);
    const diag = (await c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === CLIENT))).find(
      (d) => d.code === CLIENT,
    )!;
    const lines = original.split('\n');
    const line = diag.range.start.line;
    const indent = /^\s*/.exec(lines[line])![0];
    lines.splice(line, 0, `${indent}// kms-codemod-ignore-next-line hardcoded-credential -- test key`);
    const text = lines.join('\n');
    await c.change(uri, [{ text }]);
    await c.diagnostics(uri, (p) => p.version === 2);
    const moved = { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 999 } };
    const ignore = ((await c.codeActions(uri, moved)) as CodeAction[]).find(
      (a) => a.title === `${IGNORE_TITLE} (${CLIENT})`,
    )!;
    const after = applyWorkspaceEdit(ignore.edit!, uri, text);
    expect(after.split('\n')[line]).toBe(
      `${indent}// kms-codemod-ignore-next-line hardcoded-credential, ${CLIENT} -- test key`,
    );
    expect(after.split('\n').length).toBe(text.split('\n').length);
  });
});

describe('fingerprints', () => {
  it('a diagnostic carries the finding fingerprint scan gives, and it does not move when lines are added above', async () => {
    const root = copyWorkspace();
    const scanned = await scan({ root });
    const expected = scanned.findings.find(
      (f) => f.file === FILES.python && f.ruleId === CLIENT,
    )!.fingerprint;
    expect(expected).toBeTruthy();
    const c = await started(root);
    const uri = await c.open(join(root, FILES.python));
    const first = (await c.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === CLIENT))).find(
      (d) => d.code === CLIENT,
    )!;
    expect(first.data).toEqual({ fingerprint: expected });
    await c.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' },
    ]);
    const moved = (await c.diagnostics(uri, (p) => p.version === 2)).find((d) => d.code === CLIENT)!;
    expect(moved.range.start.line).toBe(first.range.start.line + 2);
    expect(moved.data).toEqual({ fingerprint: expected });
  });
});
