import type { ApiCall, ClientSite, FileFacts } from '../model/index.js';
import { moduleFile } from './module-paths.js';
import { isForOtherProduct, resolveParamCalls } from './param-calls.js';

/**
 * The pop-core client a file exports under `imported`: bound to that name, built by a factory of that
 * name (`export function createKms() { return new RPCClient(...) }`), or the only one for `default`.
 */
function exportedClient(file: FileFacts, imported: string): ClientSite | undefined {
  const pop = file.clients.filter((c) => c.family === 'pop-core' || c.family === 'transfer');
  const named = pop.find((c) => c.boundTo === imported) ?? pop.find((c) => c.enclosingFunction === imported);
  if (named) return named;
  return imported === 'default' && pop.length === 1 ? pop[0] : undefined;
}

export interface ResolvedImportedCalls {
  /** The files, those with resolved calls copied with the calls added. */
  files: FileFacts[];
  /** Clients that other files call with KMS actions. */
  calledForKms: Set<ClientSite>;
}

/**
 * Joins the TS/JS clients that travel between the files of one application:
 * - `importedClientCalls` to the clients they reach: a call whose module is a file of this application
 *   that builds a pop-core client under the imported name (or in a factory of that name) becomes a KMS
 *   call of the calling file (so a ReEncrypt there blocks the application);
 * - `clientHandoffs` to the `paramClientCalls` of the function or class they hand a client to
 *   (`param-calls.ts`).
 * A client for another product is left alone.
 */
export function resolveImportedCalls(files: FileFacts[]): ResolvedImportedCalls {
  const byPath = new Map(files.map((f) => [f.file, f]));
  const calledForKms = new Set<ClientSite>();
  const joined = files.map((f) => {
    if (!f.importedClientCalls?.length) return f;
    const added: ApiCall[] = [];
    for (const ic of f.importedClientCalls) {
      const target = moduleFile(byPath, f, ic.module);
      const client = target && exportedClient(target, ic.imported);
      if (!client || isForOtherProduct(client)) continue;
      if (!ic.counted) added.push({ ...ic.call, family: client.family });
      calledForKms.add(client);
    }
    if (added.length === 0) return f;
    const calls = [...f.calls, ...added].sort((a, b) => a.range.startOffset - b.range.startOffset);
    return { ...f, calls };
  });
  return { files: resolveParamCalls(joined, calledForKms), calledForKms };
}
