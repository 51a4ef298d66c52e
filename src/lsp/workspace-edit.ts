import type { TextEdit as LspTextEdit, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../model/index.js';
import type { BufferReader } from './buffer-reader.js';
import { uriOfPath } from './uri.js';

/** Offset splices on one file, with the text they were computed on. */
export interface FileEdits {
  /** Absolute path. */
  path: string;
  edits: readonly TextEdit[];
}

/** Offset splices as LSP text edits on `text` (UTF-16 offsets, which LSP positions count by default). */
export function lspTextEdits(text: string, edits: readonly TextEdit[]): LspTextEdit[] {
  const doc = TextDocument.create('file:///', 'plaintext', 0, text);
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.text,
  }));
}

/**
 * One WorkspaceEdit for a fix that spans files (the source and its manifest). With
 * `documentChanges`, each file's edit names the buffer version it was computed on (`null` for a file
 * that is not open: its text on disk), so a client refuses it once the buffer moved on.
 */
export function workspaceEdit(
  files: readonly FileEdits[],
  reader: BufferReader,
  documentChanges: boolean,
): WorkspaceEdit {
  const parts = files
    .filter((f) => f.edits.length > 0)
    .map((f) => {
      const open = reader.buffers.get(f.path);
      return {
        uri: open?.uri ?? uriOfPath(f.path),
        version: open?.version ?? null,
        edits: lspTextEdits(reader.text(f.path), f.edits),
      };
    });
  if (documentChanges) {
    return {
      documentChanges: parts.map(
        (p): TextDocumentEdit => ({ textDocument: { uri: p.uri, version: p.version }, edits: p.edits }),
      ),
    };
  }
  return { changes: Object.fromEntries(parts.map((p) => [p.uri, p.edits])) };
}

/** Splices on one open buffer, named with its version under `documentChanges`. */
export function bufferEdit(
  buffer: { uri: string; version: number; text: string },
  edits: readonly TextEdit[],
  documentChanges: boolean,
): WorkspaceEdit {
  const lsp = lspTextEdits(buffer.text, edits);
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri: buffer.uri, version: buffer.version }, edits: lsp }] }
    : { changes: { [buffer.uri]: lsp } };
}
