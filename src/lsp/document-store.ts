import type {
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  TextDocumentItem,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathOfUri } from './uri.js';

export interface OpenDocument {
  uri: string;
  /** Absolute path for `file:` URIs. */
  path?: string;
  doc: TextDocument;
}

/**
 * The editor's open buffers. The buffer, never the disk, is what an open file is analysed and fixed
 * from. A change whose version is not newer than the stored one is dropped (as ast-grep's server
 * does): applying it would corrupt the text, and a result for it must never be published.
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly uriByPath = new Map<string, string>();
  /** Bumped on every open, change and close: anything computed from several buffers is keyed on it. */
  epoch = 0;

  open(item: DidOpenTextDocumentParams['textDocument'] | TextDocumentItem): OpenDocument {
    const entry: OpenDocument = {
      uri: item.uri,
      path: pathOfUri(item.uri),
      doc: TextDocument.create(item.uri, item.languageId, item.version, item.text),
    };
    this.docs.set(item.uri, entry);
    if (entry.path) this.uriByPath.set(entry.path, item.uri);
    this.epoch++;
    return entry;
  }

  /** Applies a change; undefined when the document is not open or the change is not newer. */
  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const entry = this.docs.get(params.textDocument.uri);
    if (!entry || params.textDocument.version <= entry.doc.version) return undefined;
    entry.doc = TextDocument.update(entry.doc, params.contentChanges, params.textDocument.version);
    this.epoch++;
    return entry;
  }

  close(uri: string): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    this.docs.delete(uri);
    if (entry.path && this.uriByPath.get(entry.path) === uri) this.uriByPath.delete(entry.path);
    this.epoch++;
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  byPath(path: string): OpenDocument | undefined {
    const uri = this.uriByPath.get(path);
    return uri === undefined ? undefined : this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}
