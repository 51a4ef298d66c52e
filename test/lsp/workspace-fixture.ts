import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const WORKSPACE_FIXTURE = 'fixtures/lsp/workspace';

export const FILES = {
  java: 'orders-java/src/main/java/com/acme/orders/OrderSealer.java',
  python: 'billing-py/billing.py',
  go: 'ledger-go/main.go',
  ts: 'notify-ts/src/seal.ts',
  blockedClient: 'archive-java/src/main/java/com/acme/archive/ArchiveClient.java',
  blockedCall: 'archive-java/src/main/java/com/acme/archive/Rewrap.java',
} as const;

const temps: string[] = [];

/** A private copy of the fixture workspace (tests edit and write files in it). */
export function copyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-lsp-'));
  temps.push(dir);
  cpSync(WORKSPACE_FIXTURE, dir, { recursive: true });
  return dir;
}

export function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-lsp-'));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

/** The LSP range of the first occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, from = 0): Range {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`'${needle}' not in the text`);
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return { start: doc.positionAt(start), end: doc.positionAt(start + needle.length) };
}

/** The text an LSP range covers. */
export function textAt(text: string, range: Range): string {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

export function read(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}
