import {
  type ClientCapabilities,
  CodeActionKind,
  type ServerCapabilities,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { FIX_ALL_KIND } from './code-actions.js';
import { APPLY_ACTION_COMMAND } from './commands.js';

/** What the client can do, read once from `initialize`. */
export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise we push. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `codeAction/resolve` can fill in `edit`. */
  resolveEdit: boolean;
  /** Code action literals (not only commands). */
  actionLiterals: boolean;
  disabledActions: boolean;
  /** `WorkspaceEdit.documentChanges` with versions. */
  documentChanges: boolean;
  workDoneProgress: boolean;
  /** File watchers registered by the server. */
  watchedFilesRegistration: boolean;
  workspaceFolders: boolean;
  markdownHover: boolean;
}

export type DiagnosticMode = 'auto' | 'push' | 'pull';

export function clientFeatures(caps: ClientCapabilities, mode: DiagnosticMode = 'auto'): ClientFeatures {
  const td = caps.textDocument;
  const pull = td?.diagnostic !== undefined;
  return {
    pullDiagnostics: mode === 'pull' || (mode === 'auto' && pull),
    diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    resolveEdit: td?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    actionLiterals: td?.codeAction?.codeActionLiteralSupport !== undefined,
    disabledActions: td?.codeAction?.disabledSupport === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    workDoneProgress: caps.window?.workDoneProgress === true,
    watchedFilesRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: caps.workspace?.workspaceFolders === true,
    markdownHover: td?.hover?.contentFormat?.includes('markdown') ?? false,
  };
}

/**
 * What the server offers. Diagnostics are pulled when the client can pull, and pushed otherwise (a
 * pull-only or push-only pairing shows nothing, the TypeScript 7 lesson). Code action kinds are named
 * only for clients that understand action literals; the others get commands.
 */
export function serverCapabilities(f: ClientFeatures): ServerCapabilities {
  const caps: ServerCapabilities = {
    positionEncoding: 'utf-16',
    textDocumentSync: {
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
      save: { includeText: false },
    },
    hoverProvider: true,
    codeActionProvider: f.actionLiterals
      ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: f.resolveEdit }
      : true,
    executeCommandProvider: { commands: [APPLY_ACTION_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (f.pullDiagnostics) {
    caps.diagnosticProvider = {
      identifier: 'kms-codemod',
      // A ReEncrypt in one file blocks the clients of every other file of the application.
      interFileDependencies: true,
      workspaceDiagnostics: true,
    };
  }
  return caps;
}
