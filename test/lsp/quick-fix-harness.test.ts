import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MIGRATE_TITLE } from '../../src/lsp/index.js';
import { syntaxErrorCount } from '../../src/migrate/syntax-check.js';
import { languageOfPath } from '../../src/model/language.js';
import { commentsOf } from '../migrate/comments.js';
import { filesUnder, type Scenario, scenarios } from '../migrate/fixture-scenarios.js';
import { editedDocuments, LspTestClient, pullCapabilities, uriOf } from './lsp-client.js';
import { emptyDir, removeTemps, textAt } from './workspace-fixture.js';

// The rewrite harness's checks (test/migrate/harness.test.ts), on the editor's route: every quick fix
// of every rewrite scenario, applied one at a time the way an editor applies a WorkspaceEdit.
const all = scenarios().filter((s) => Object.keys(s.options).length === 0);
afterAll(removeTemps);

/** The text each file of the workspace has in the editor: open buffers, else the disk. */
class EditorFiles {
  readonly texts = new Map<string, string>();
  constructor(private readonly c: LspTestClient) {}

  text(uri: string): string {
    return this.texts.get(uri) ?? readFileSync(fileURLToPath(uri), 'utf8');
  }

  /** Applies an edit: a file not open yet opens with its new text, as VS Code and Neovim load it. */
  async apply(
    edit: WorkspaceEdit,
  ): Promise<{ uri: string; before: string; after: string; removed: string[] }[]> {
    const out = [];
    for (const { uri, version } of editedDocuments(edit)) {
      const before = this.text(uri);
      const doc = TextDocument.create(uri, 'plaintext', 0, before);
      const edits = edit.documentChanges!.flatMap((d) =>
        'textDocument' in d && d.textDocument.uri === uri ? d.edits : [],
      );
      const after = TextDocument.applyEdits(doc, edits);
      const removed = edits.map((e) => before.slice(doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)));
      if (this.texts.has(uri)) {
        expect(version, `${uri}: an open buffer's edit names its version`).toBe(this.c.version(uri));
        await this.c.change(uri, [{ text: after }]);
      } else {
        expect(version, `${uri}: a file on disk has no version`).toBeNull();
        await this.c.open(fileURLToPath(uri), after);
      }
      this.texts.set(uri, after);
      out.push({ uri, before, after, removed });
    }
    return out;
  }
}

async function migratableRanges(c: LspTestClient, uri: string) {
  const report = await c.pull(uri);
  if (report.kind !== 'full') throw new Error('expected a full report');
  return report.items.filter((d) => d.code === 'legacy-kms-client' && d.severity === 2).map((d) => d.range);
}

/**
 * The first quick fix offered in any open source file, resolved; undefined when none is left. A fix
 * migrate refuses (a client it leaves as it is) fails to resolve with migrate's reason, once per client.
 */
async function nextQuickFix(
  c: LspTestClient,
  files: EditorFiles,
  sources: string[],
  refused: Map<string, string>,
): Promise<CodeAction | undefined> {
  for (const uri of sources) {
    if (!files.texts.has(uri)) continue;
    for (const range of await migratableRanges(c, uri)) {
      const key = `${uri}:${textAt(files.text(uri), range)}`;
      if (refused.has(key)) continue;
      const action = (await c.codeActions(uri, range, ['quickfix'])).find((a) => a.title === MIGRATE_TITLE);
      if (!action) continue;
      try {
        return await c.resolve(action);
      } catch (err) {
        refused.set(key, (err as Error).message);
      }
    }
  }
  return undefined;
}

function checkSplice(file: string, change: { before: string; after: string; removed: string[] }): void {
  const lang = languageOfPath(file);
  if (lang) {
    const errors = (t: string) => syntaxErrorCount(lang, file, t.replace(/^\uFEFF/, ''));
    expect(errors(change.after), `${file} re-parses with no new errors`).toBeLessThanOrEqual(
      errors(change.before),
    );
    for (const comment of commentsOf(lang, change.before))
      expect(change.after, `${file} keeps ${comment}`).toContain(comment);
  }
  // As in the harness: a replaced span never crosses a line, except whole Go import lines.
  for (const removed of change.removed)
    if (removed.includes('\n'))
      expect(removed.trim(), `${file}: multi-line replacement`).toMatch(/^import\s|^"[^"]+"$|^\w+ "[^"]+"$/);
}

async function runScenario(s: Scenario): Promise<void> {
  const ws = emptyDir();
  cpSync(s.before, ws, { recursive: true });
  const c = new LspTestClient({ folders: [ws], capabilities: pullCapabilities() });
  try {
    await c.initialize();
    await c.indexed();
    const files = new EditorFiles(c);
    const sources: string[] = [];
    for (const rel of filesUnder(s.before).filter((f) => languageOfPath(f))) {
      const uri = await c.open(join(ws, rel));
      files.texts.set(uri, c.texts.get(uri)!);
      sources.push(uri);
    }
    let fixes = 0;
    const refused = new Map<string, string>();
    const next = () => nextQuickFix(c, files, sources, refused);
    for (let action = await next(); action; action = await next()) {
      expect(++fixes, 'quick fixes converge').toBeLessThan(20);
      for (const change of await files.apply(action.edit!)) checkSplice(fileURLToPath(change.uri), change);
    }
    // Idempotent: nothing left to fix, and every file is what migrate writes.
    for (const rel of filesUnder(s.after)) {
      const uri = uriOf(join(ws, rel));
      expect(files.text(uri).replace(/^\uFEFF/, ''), `${s.lang}/${s.name}: ${rel}`).toBe(
        readFileSync(join(s.after, rel), 'utf8').replace(/^\uFEFF/, ''),
      );
    }
    // A refused fix says why, in migrate's words.
    for (const reason of refused.values())
      expect(reason).toMatch(/^(kms-codemod migrate leaves this client as it is: |No rewrite is offered)/);
    // Idempotent: what is left to fix is only what migrate refuses.
    const left = await nextQuickFix(c, files, sources, new Map());
    expect(left, 'a quick fix left after every fix was applied').toBeUndefined();
  } finally {
    await c.shutdown();
  }
}

it('finds rewrite scenarios in every language', () => {
  const langs = new Set(all.map((s) => s.lang));
  for (const l of ['java', 'python', 'go', 'typescript']) expect(langs).toContain(l);
  expect(all.length).toBeGreaterThan(40);
});

describe.each(all.map((s) => [`${s.lang}/${s.name}`, s] as const))('%s', (_id, s) => {
  it('every quick fix re-parses, keeps comments and bytes outside its splices, and they add up to migrate', async () => {
    await runScenario(s);
  }, 60000);
});
