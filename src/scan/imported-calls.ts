import { posix } from 'node:path';
import type { ApiCall, ClientSite, FileFacts, ImportedClientCall } from '../model/index.js';

/** How an ESM/CommonJS specifier maps to a file: as written, with an extension, as a folder index, `.js` → `.ts`. */
function candidatePaths(importer: string, specifier: string): string[] {
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const out = [base];
  // NodeNext code imports `./kms.js` for the source file `kms.ts` (likewise .mjs/.cjs/.jsx).
  const js = /\.[mc]?jsx?$/.exec(base);
  if (js) out.push(base.slice(0, -js[0].length) + js[0].replace('js', 'ts'));
  for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']) out.push(base + ext);
  for (const ext of ['.ts', '.tsx', '.js']) out.push(`${base}/index${ext}`);
  return out;
}

/** The pop-core client a file exports under `imported`: bound to that name, or the only one for `default`. */
function exportedClient(file: FileFacts, imported: string): ClientSite | undefined {
  const pop = file.clients.filter((c) => c.family === 'pop-core' || c.family === 'transfer');
  const named = pop.find((c) => c.boundTo === imported);
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
 * Joins `importedClientCalls` to the clients they reach: a call whose module is a file of this
 * application that builds a pop-core client under the imported name becomes a KMS call of the calling
 * file (so a ReEncrypt there blocks the application), unless that client is for another product.
 */
export function resolveImportedCalls(files: FileFacts[]): ResolvedImportedCalls {
  const byPath = new Map(files.map((f) => [f.file, f]));
  const calledForKms = new Set<ClientSite>();
  const resolve = (importer: FileFacts, ic: ImportedClientCall): ClientSite | undefined => {
    for (const path of candidatePaths(importer.file, ic.module)) {
      const target = byPath.get(path);
      if (target) return exportedClient(target, ic.imported);
    }
    return undefined;
  };
  const out = files.map((f) => {
    if (!f.importedClientCalls?.length) return f;
    const added: ApiCall[] = [];
    for (const ic of f.importedClientCalls) {
      const client = resolve(f, ic);
      if (!client || (client.otherProducts.length > 0 && client.evidence.length === 0)) continue;
      added.push({ ...ic.call, family: client.family });
      calledForKms.add(client);
    }
    if (added.length === 0) return f;
    const calls = [...f.calls, ...added].sort((a, b) => a.range.startOffset - b.range.startOffset);
    return { ...f, calls };
  });
  return { files: out, calledForKms };
}
