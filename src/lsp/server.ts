import {
  type CancellationToken,
  type CodeAction,
  type Command,
  type Connection,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  LSPErrorCodes,
  ResponseError,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { type ActionHost, listCodeActions, resolveCodeAction } from './code-actions.js';
import { APPLY_ACTION_COMMAND, asCommand } from './commands.js';
import { isConfigPath } from './config-reporter.js';
import { documentDiagnostics } from './diagnostics.js';
import { hoverAt } from './hover.js';
import { type ServerOptions, Session } from './session.js';
import { pathOfUri } from './uri.js';
import { indexDiagnostics } from './workspace-diagnostics.js';

/**
 * What the server asks the client to watch: config files, ignore files, manifests and sources (a
 * superset; `Session.filesChanged` keeps only what a scan reads).
 */
const WATCHED = [
  '**/kms-codemod.config.json',
  '**/.gitignore',
  '**/{pom.xml,build.gradle,build.gradle.kts,go.mod,package.json,pyproject.toml,setup.py,setup.cfg,composer.json}',
  '**/requirements*.{txt,in}',
  '**/*.{java,py,go,ts,tsx,mts,cts,js,jsx,mjs,cjs,php,cs,csproj}',
];

/**
 * A request the client cancelled before it was started is not started: analyses are not cut short
 * halfway, but a queue of stale requests (typing, a save's code actions) is dropped at once.
 */
function cancelled(token: CancellationToken): void {
  if (token.isCancellationRequested)
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled by the client');
}

function documentHandlers(s: Session): void {
  const c = s.connection;
  c.onDidOpenTextDocument(({ textDocument }) => {
    const entry = s.store.open(textDocument);
    if (isConfigPath(entry.path)) s.configs.check(entry.path!);
    else s.scheduler?.schedule(entry.uri);
  });
  c.onDidChangeTextDocument((params) => {
    const entry = s.store.change(params);
    if (!entry) {
      s.log(
        `kms-codemod: dropped a change to ${params.textDocument.uri} for version ${params.textDocument.version}: the buffer is already newer or not open`,
        'warn',
      );
      return;
    }
    if (isConfigPath(entry.path)) s.configs.check(entry.path!);
    else s.scheduler?.schedule(entry.uri);
  });
  c.onDidCloseTextDocument(({ textDocument }) => {
    const entry = s.store.close(textDocument.uri);
    if (!entry) return;
    if (isConfigPath(entry.path)) {
      s.configs.check(entry.path!);
      return;
    }
    s.analyzer.forget(entry);
    s.scheduler?.closed(entry.uri);
  });
  c.onDidSaveTextDocument(({ textDocument }) => {
    const path = pathOfUri(textDocument.uri);
    if (path) s.filesChanged([path]);
  });
  c.onDidChangeWatchedFiles(({ changes }) => {
    s.filesChanged(changes.map((ch) => pathOfUri(ch.uri)).filter((p): p is string => p !== undefined));
  });
}

function pullHandlers(s: Session): void {
  const c = s.connection;
  c.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    cancelled(token);
    const entry = s.store.get(params.textDocument.uri);
    // Config files get their diagnostics pushed (config-reporter.ts), in either mode.
    if (!entry || isConfigPath(entry.path)) return { kind: 'full', items: [] };
    const a = await s.analyzer.analyze(entry);
    const now = s.store.get(entry.uri);
    if (!now || s.analyzer.keyOf(now) !== a.key)
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed while it was analysed', {
        retriggerRequest: true,
      });
    if (params.previousResultId === a.key) return { kind: 'unchanged', resultId: a.key };
    return { kind: 'full', resultId: a.key, items: documentDiagnostics(a) };
  });
  c.languages.diagnostics.onWorkspace(async (params): Promise<WorkspaceDiagnosticReport> => {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const open = new Set<string>();
    for (const entry of s.store.all()) {
      if (isConfigPath(entry.path)) continue;
      open.add(entry.uri);
      const a = await s.analyzer.analyze(entry);
      items.push(
        previous.get(entry.uri) === a.key
          ? { kind: 'unchanged', uri: entry.uri, version: a.version, resultId: a.key }
          : {
              kind: 'full',
              uri: entry.uri,
              version: a.version,
              resultId: a.key,
              items: documentDiagnostics(a),
            },
      );
    }
    for (const folder of s.folders.values()) items.push(...indexDiagnostics(folder, open, previous));
    return { items };
  });
}

function actionHandlers(s: Session): void {
  const c = s.connection;
  const host = (): ActionHost => ({
    store: s.store,
    features: s.features,
    analyze: (e) => s.analyzer.analyze(e),
  });
  c.onCodeAction(async (params, token): Promise<(CodeAction | Command)[]> => {
    cancelled(token);
    const actions = await s.interactive(() => listCodeActions(params, host()));
    return s.features.actionLiterals ? actions : actions.map(asCommand);
  });
  c.onCodeActionResolve((action, token) => {
    cancelled(token);
    return s.interactive(() => resolveCodeAction(action, host()));
  });
  c.onExecuteCommand(async (params) => {
    if (params.command !== APPLY_ACTION_COMMAND) return;
    const action = params.arguments?.[0] as CodeAction | undefined;
    if (!action) return;
    const resolved = action.edit ? action : await resolveCodeAction(action, host());
    if (resolved.edit) await c.workspace.applyEdit({ label: resolved.title, edit: resolved.edit });
  });
  c.onHover(async (params) => {
    const entry = s.store.get(params.textDocument.uri);
    if (!entry || isConfigPath(entry.path)) return null;
    const a = await s.analyzer.analyze(entry);
    return hoverAt(a, entry.doc.offsetAt(params.position), s.features.markdownHover);
  });
}

/**
 * The kms-codemod language server on a connection: diagnostics, quick fixes, fix-all and hovers from
 * the same library functions as the CLI (`analyzeText`, `scan`, `attachFixes`, `planMigration`).
 */
export function startServer(connection: Connection, options: ServerOptions = {}): Session {
  const s = new Session(connection, options);
  connection.onInitialize((params) => s.initialize(params));
  connection.onInitialized(() => {
    if (s.features.watchedFilesRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED.map((globPattern) => ({ globPattern })),
        })
        .catch(() => undefined);
    }
    if (s.features.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        for (const f of removed) s.removeFolder(f);
        for (const f of added) s.addFolder(f);
      });
    }
    s.start();
  });
  connection.onShutdown(() => s.dispose());
  documentHandlers(s);
  pullHandlers(s);
  actionHandlers(s);
  connection.listen();
  return s;
}
