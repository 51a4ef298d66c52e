import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type RunningServer, serveOn } from '../../src/lsp/connection.js';
import type { InitializationOptions, ServerOptions } from '../../src/lsp/session.js';

/** What a capable client (VS Code-like) declares; tests take parts away to play older clients. */
export function fullCapabilities(): ClientCapabilities {
  return {
    window: { workDoneProgress: true },
    workspace: {
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { versionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        resolveSupport: { properties: ['edit'] },
        disabledSupport: true,
        dataSupport: true,
      },
    },
  };
}

/** A push-only client: no `textDocument.diagnostic`. */
export function pushCapabilities(): ClientCapabilities {
  return fullCapabilities();
}

/** A pull client: `textDocument.diagnostic` and refresh. */
export function pullCapabilities(): ClientCapabilities {
  const caps = fullCapabilities();
  caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  return caps;
}

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: InitializationOptions;
  /** Workspace folders (absolute paths). */
  folders?: string[];
  server?: ServerOptions;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

type Waiter = { check: () => boolean; resolve: () => void };

export const uriOf = (path: string): string => pathToFileURL(path).href;

/**
 * An LSP client in the test process, talking to the real server over two in-memory streams (as
 * vscode-languageserver-node tests itself). It records what the server sends and answers the requests
 * a client must answer.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  readonly server: RunningServer;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  readonly applied: WorkspaceEdit[] = [];
  refreshes = 0;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();

  constructor(readonly options: ClientOptions = {}) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.server = serveOn(toServer, toClient, options.server);
    this.connection = createMessageConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
      this.record(() => this.published.push(p)),
    );
    c.onNotification('$/progress', (p: ProgressEvent) => this.record(() => this.progress.push(p)));
    c.onNotification('window/showMessage', (p: { type: number; message: string }) =>
      this.record(() => this.messages.push(p)),
    );
    c.onNotification('window/logMessage', (p: { message: string }) =>
      this.record(() => this.logs.push(p.message)),
    );
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (p: unknown) => {
      this.record(() => this.registrations.push(p));
      return null;
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.record(() => this.refreshes++);
      return null;
    });
    c.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.record(() => this.applied.push(p.edit));
      return { applied: true };
    });
    c.listen();
  }

  private record(f: () => unknown): void {
    f();
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `check` holds (re-checked on every message from the server); fails after `ms`. */
  waitFor(what: string, check: () => boolean, ms = 20000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.waiters.push(w);
    });
  }

  async initialize(): Promise<InitializeResult> {
    const folders = this.options.folders ?? [];
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      capabilities: this.options.capabilities ?? fullCapabilities(),
      initializationOptions: this.options.initializationOptions,
      workspaceFolders: folders.map((f, i) => ({ uri: uriOf(f), name: `folder${i}` })),
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The index of every folder has been built (its progress ended as often as it began). */
  async indexed(builds = this.options.folders?.length ?? 1): Promise<void> {
    await this.waitFor(
      `${builds} index build(s)`,
      () => this.progress.filter((p) => p.value.kind === 'end').length >= builds,
    );
  }

  async open(path: string, text = readFileSync(path, 'utf8'), languageId = 'plaintext'): Promise<string> {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  /** A change; `version` defaults to the next one. Keeps the client's own copy of the text. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], version?: number): Promise<number> {
    const v = version ?? (this.versions.get(uri) ?? 0) + 1;
    if (v > (this.versions.get(uri) ?? 0)) {
      this.versions.set(uri, v);
      const doc = TextDocument.create(uri, 'plaintext', v - 1, this.texts.get(uri) ?? '');
      this.texts.set(uri, TextDocument.applyEdits(doc, changes.map(toEdit(doc))));
    }
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: changes,
    });
    return v;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The latest diagnostics pushed for a uri (undefined before any). */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.filter((p) => p.uri === uri).pop();
  }

  /** Waits for a publish for `uri` that satisfies `check`. */
  async diagnostics(
    uri: string,
    check: (p: PublishDiagnosticsParams) => boolean = () => true,
    ms?: number,
  ): Promise<Diagnostic[]> {
    let found: PublishDiagnosticsParams | undefined;
    await this.waitFor(
      `diagnostics of ${uri}`,
      () => {
        found = this.latest(uri);
        return found !== undefined && check(found);
      },
      ms,
    );
    return found!.diagnostics;
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId,
    });
  }

  pullWorkspace(
    previousResultIds: { uri: string; value: string }[] = [],
  ): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest('workspace/diagnostic', { previousResultIds });
  }

  codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only },
    });
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest('codeAction/resolve', action);
  }

  hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async watchedFilesChanged(changes: { path: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.path), type: c.type })),
    });
  }

  async shutdown(): Promise<number> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.server.exited;
    this.connection.dispose();
    return code;
  }
}

function toEdit(doc: TextDocument) {
  return (c: TextDocumentContentChangeEvent) =>
    'range' in c
      ? { range: c.range, newText: c.text }
      : { range: { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) }, newText: c.text };
}

/** Applies a WorkspaceEdit's edits for one uri to a text (the way an editor would). */
export function applyWorkspaceEdit(edit: WorkspaceEdit, uri: string, text: string): string {
  const edits =
    edit.documentChanges?.flatMap((d) =>
      'textDocument' in d && d.textDocument.uri === uri ? d.edits : [],
    ) ??
    edit.changes?.[uri] ??
    [];
  const doc = TextDocument.create(uri, 'plaintext', 0, text);
  return TextDocument.applyEdits(
    doc,
    edits.map((e) => ('newText' in e ? e : e)),
  );
}

/** The uris a WorkspaceEdit touches, with the version each names (`null`: the file on disk). */
export function editedDocuments(edit: WorkspaceEdit): { uri: string; version: number | null }[] {
  if (edit.documentChanges)
    return edit.documentChanges.flatMap((d) =>
      'textDocument' in d ? [{ uri: d.textDocument.uri, version: d.textDocument.version }] : [],
    );
  return Object.keys(edit.changes ?? {}).map((uri) => ({ uri, version: null }));
}
