import { readSourceFile } from '../workspace/source-encoding.js';
import type { DocumentStore } from './document-store.js';

/**
 * Reads files for migrate's plan the way the editor sees them: an open buffer's text, else the disk (in
 * the file's own encoding, as migrate reads it). It remembers what it read (text, and the buffer's URI
 * and version), so the edits computed on those texts can be placed and versioned exactly.
 */
export class BufferReader {
  readonly texts = new Map<string, string>();
  readonly buffers = new Map<string, { uri: string; version: number }>();

  constructor(private readonly store: DocumentStore) {}

  /** The text of `path` as the plan saw it (the editor applies the edits, so no encoding is kept). */
  readonly text = (path: string): string => this.read(path).text;

  readonly read = (path: string, encoding?: string): { text: string } => {
    const seen = this.texts.get(path);
    if (seen !== undefined) return { text: seen };
    const open = this.store.byPath(path);
    const text = open ? open.doc.getText() : readSourceFile(path, encoding).text;
    if (open) this.buffers.set(path, { uri: open.uri, version: open.doc.version });
    this.texts.set(path, text);
    return { text };
  };
}
