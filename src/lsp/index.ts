// The language server (`kms-codemod lsp`), and the pieces another face (the PR reviewer) can share:
// findings as LSP diagnostics, migrate's fixes for one buffer, offset splices as LSP edits.
export { type ClientFeatures, clientFeatures, serverCapabilities } from './capabilities.js';
export { FIX_ALL_KIND, FIX_ALL_TITLE, MIGRATE_TITLE } from './code-actions.js';
export { type RunningServer, serveOn, serveStdio } from './connection.js';
export {
  blockedNote,
  blockingCalls,
  documentDiagnostics,
  isMigratableClient,
  SOURCE,
  toDiagnostic,
} from './diagnostics.js';
export type { DocumentAnalysis } from './document-analysis.js';
export {
  clientFixes,
  editsForClient,
  fileScopedScan,
  fixAllEdits,
  loadMigrateKit,
  noFixReason,
} from './fixes.js';
export { lspRange } from './positions.js';
export { ruleDocUri } from './rule-docs.js';
export { startServer } from './server.js';
export type { InitializationOptions, ServerOptions } from './session.js';
export { IGNORE_TITLE, ignoreActions } from './suppress-actions.js';
export { bufferEdit, type FileEdits, lspTextEdits, workspaceEdit } from './workspace-edit.js';
