import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  LSPErrorCodes,
  ResponseError,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding } from '../model/index.js';
import type { ClientFeatures } from './capabilities.js';
import { isMigratableClient, noRewriteNote, toDiagnostic } from './diagnostics.js';
import type { DocumentAnalysis } from './document-analysis.js';
import type { DocumentStore, OpenDocument } from './document-store.js';
import { clientFixes, editsForClient, fixAllEdits, loadMigrateKit, noFixReason } from './fixes.js';
import { lspRange, overlaps } from './positions.js';
import { ignoreActions } from './suppress-actions.js';
import { workspaceEdit } from './workspace-edit.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kms-codemod`;
export const MIGRATE_TITLE = 'Migrate this client to the KMS instance transfer client';
export const FIX_ALL_TITLE = 'Migrate every legacy KMS client in this file to the transfer client';

/** What an action carries until `codeAction/resolve` computes its edit. */
export interface ActionData {
  uri: string;
  version: number;
  action: 'migrate' | 'fix-all';
  /** The finding the action is for (migrate): rule, fingerprint, offsets, and the text it covered. */
  ruleId?: string;
  fingerprint?: string;
  start?: number;
  end?: number;
  text?: string;
}

export interface ActionHost {
  store: DocumentStore;
  features: ClientFeatures;
  analyze(entry: OpenDocument): Promise<DocumentAnalysis>;
}

/** Whether `kind` is asked for by the request's `only` (kinds are hierarchical: `source` covers `source.fixAll.x`). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function dataFor(a: DocumentAnalysis, f?: Finding): ActionData {
  if (!f) return { uri: a.uri, version: a.version, action: 'fix-all' };
  return {
    uri: a.uri,
    version: a.version,
    action: 'migrate',
    ruleId: f.ruleId,
    ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
    start: f.range.startOffset,
    end: f.range.endOffset,
    text: a.text.slice(f.range.startOffset, f.range.endOffset),
  };
}

/**
 * The actions for a range. Edits are computed lazily through `codeAction/resolve` when the client
 * supports it (the list costs one analysis, already cached for this version); otherwise they are
 * computed here, once per version.
 */
export async function listCodeActions(params: CodeActionParams, host: ActionHost): Promise<CodeAction[]> {
  // The rewriters load with the first list, so that resolving one of its actions seldom waits for them.
  void loadMigrateKit().catch(() => undefined);
  const entry = host.store.get(params.textDocument.uri);
  if (!entry) return [];
  const a = await host.analyze(entry);
  const only = params.context.only;
  const clients = a.findings.filter(isMigratableClient);
  const actions: CodeAction[] = [];
  const rewritable = !noRewriteNote(a.app);
  if (rewritable && wanted(CodeActionKind.QuickFix, only)) {
    for (const f of clients.filter((c) => overlaps(lspRange(c.range), params.range))) {
      actions.push({
        title: MIGRATE_TITLE,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f, a.app, a.root)],
        isPreferred: true,
        data: dataFor(a, f),
      });
    }
  }
  if (rewritable && clients.length > 0 && wanted(FIX_ALL_KIND, only) && (only || host.features.resolveEdit))
    actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: dataFor(a) });
  if (wanted(CodeActionKind.QuickFix, only))
    actions.push(...ignoreActions(a, params.range, host.features.documentChanges));
  if (host.features.resolveEdit) return actions;
  const resolved: CodeAction[] = [];
  for (const action of actions) {
    if (action.edit) {
      resolved.push(action);
      continue;
    }
    const done = await resolveWith(action, a, host).catch((err: Error) => ({
      ...action,
      disabled: { reason: err.message },
    }));
    if (!('disabled' in done) || host.features.disabledActions) resolved.push(done);
  }
  return resolved;
}

/** `codeAction/resolve`: the edit, computed on the buffer as it is now. */
export async function resolveCodeAction(action: CodeAction, host: ActionHost): Promise<CodeAction> {
  if (action.edit) return action;
  const data = action.data as ActionData | undefined;
  if (!data?.uri)
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      'kms-codemod: this code action carries no data to resolve',
    );
  const entry = host.store.get(data.uri);
  if (!entry)
    throw new ResponseError(LSPErrorCodes.RequestFailed, `kms-codemod: ${data.uri} is no longer open`);
  return resolveWith(action, await host.analyze(entry), host);
}

async function resolveWith(action: CodeAction, a: DocumentAnalysis, host: ActionHost): Promise<CodeAction> {
  const data = action.data as ActionData;
  await loadMigrateKit();
  const edit = data.action === 'fix-all' ? fixAll(a, host) : migrateOne(a, data, host);
  return { ...action, edit };
}

function fail(message: string): never {
  throw new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function fixAll(a: DocumentAnalysis, host: ActionHost): WorkspaceEdit {
  const { files, reader } = fixAllEdits(a, host.store);
  if (files.length === 0) fail(noFixReason(a, host.store));
  return workspaceEdit(files, reader, host.features.documentChanges);
}

/** The finding the action was listed for, in the analysis of the buffer's current version. */
function relocate(a: DocumentAnalysis, data: ActionData): Finding | undefined {
  const same = a.findings.filter((f) => f.ruleId === data.ruleId);
  // The fingerprint does not move with the line: lines typed above the client keep it.
  const byPrint = data.fingerprint && same.find((f) => f.fingerprint === data.fingerprint);
  if (byPrint) return byPrint;
  if (data.version === a.version)
    return same.find((f) => f.range.startOffset === data.start && f.range.endOffset === data.end);
  // The buffer moved on since the list: the same construction, nearest to where it was.
  return same
    .filter((f) => a.text.slice(f.range.startOffset, f.range.endOffset) === data.text)
    .sort(
      (x, y) =>
        Math.abs(x.range.startOffset - (data.start ?? 0)) - Math.abs(y.range.startOffset - (data.start ?? 0)),
    )[0];
}

function migrateOne(a: DocumentAnalysis, data: ActionData, host: ActionHost): WorkspaceEdit {
  const target = relocate(a, data);
  if (!target)
    fail('kms-codemod: the client this action was for is gone from the buffer; ask for code actions again');
  const { findings, reader } = clientFixes(a, host.store);
  const files = editsForClient(a, findings, target);
  if (!files) fail(noFixReason(a, host.store));
  return workspaceEdit(files, reader, host.features.documentChanges);
}
