import { join } from 'node:path';
import type { WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { toDiagnostic } from './diagnostics.js';
import { uriOfPath } from './uri.js';
import type { FolderState } from './workspace-folders.js';

/**
 * `workspace/diagnostic` for the files of a folder that are not open: the findings of its last index
 * build (the same as `kms-codemod scan` of the folder). Open files are answered from their buffers.
 */
export function indexDiagnostics(
  folder: FolderState,
  open: ReadonlySet<string>,
  previous: ReadonlyMap<string, string>,
): WorkspaceDocumentDiagnosticReport[] {
  const resultId = `index:${folder.configGeneration}.${folder.index.generation}`;
  const out: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [file, findings] of folder.index.findings()) {
    const uri = uriOfPath(join(folder.root, file));
    if (open.has(uri)) continue;
    if (previous.get(uri) === resultId) {
      out.push({ kind: 'unchanged', uri, version: null, resultId });
      continue;
    }
    const app = folder.index.appResult(folder.index.appOf(file));
    if (!app) continue;
    out.push({
      kind: 'full',
      uri,
      version: null,
      resultId,
      items: findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, app, folder.root)),
    });
  }
  return out;
}
