import type { ApiCall, ClientSite, FileFacts } from '../model/index.js';
import { moduleFile } from './module-paths.js';

/** A client built for another product (an ECS endpoint, no KMS evidence) does not become a KMS client. */
export function isForOtherProduct(client: ClientSite): boolean {
  return client.otherProducts.length > 0 && client.evidence.length === 0;
}

/**
 * Joins `clientHandoffs` with `paramClientCalls`: when a file hands its pop-core client to a function
 * or class of the application (`seal(client)`, `new Vault(client)`) whose parameter receives KMS
 * requests, that client is a KMS client (added to `calledForKms`) and the requests are KMS calls of
 * the function's file. Returns the files, those with calls added copied.
 */
export function resolveParamCalls(files: FileFacts[], calledForKms: Set<ClientSite>): FileFacts[] {
  const byPath = new Map(files.map((f) => [f.file, f]));
  const added = new Map<FileFacts, ApiCall[]>();
  for (const f of files) {
    for (const h of f.clientHandoffs ?? []) {
      const client = f.clients.find((c) => c.range.startOffset === h.clientAt);
      const target = moduleFile(byPath, f, h.module);
      if (!client || !target || isForOtherProduct(client)) continue;
      const reached = (target.paramClientCalls ?? []).filter((p) => p.fn === h.imported && p.param === h.arg);
      if (reached.length === 0) continue;
      calledForKms.add(client);
      const list = added.get(target) ?? [];
      for (const p of reached) {
        const dup = list.some((c) => c.range.startOffset === p.call.range.startOffset);
        if (!p.counted && !dup) list.push(p.call);
      }
      added.set(target, list);
    }
  }
  return files.map((f) => {
    const more = added.get(f);
    if (!more?.length) return f;
    return { ...f, calls: [...f.calls, ...more].sort((a, b) => a.range.startOffset - b.range.startOffset) };
  });
}
