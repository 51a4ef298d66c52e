import { posix } from 'node:path';
import type { ClientSends, ClientSite, FileFacts } from '../model/facts.js';

function merge(list: readonly ClientSends[]): ClientSends | undefined {
  if (list.length === 0) return undefined;
  return {
    kmsActions: list.flatMap((s) => s.kmsActions),
    otherProducts: list.flatMap((s) => s.otherProducts),
    untyped: list.reduce((n, s) => n + s.untyped, 0),
    escapes: list.some((s) => s.escapes),
  };
}

/** `pkg/clients.py` → `clients`. */
function moduleName(file: string): string {
  return posix.basename(file).replace(/\.py$/, '');
}

/** The name another Python file knows a module-level client of `home` by, when it imports it. */
function importedAs(g: FileFacts, home: string, name: string): string | undefined {
  for (const imp of g.imports) {
    const last = imp.module.split('.').pop();
    // from clients import kms_client (as kms)
    if (last === home) {
      const n = imp.names.find((x) => x.imported === name);
      if (n) return n.local;
      if (imp.names.some((x) => x.imported === '*' || x.imported === home)) return name;
    }
    // from app import clients → clients.kms_client
    if (imp.names.some((x) => x.imported === home)) return name;
  }
  return undefined;
}

/**
 * What a client built in one file is seen sending from the others, when its own file executes nothing
 * through it: a Java `@Bean` method's client through the fields and parameters injected by that
 * name (or `@Qualifier`), a Python module-level client through the files that import it.
 */
export function crossFileSends(
  client: ClientSite,
  file: FileFacts,
  files: readonly FileFacts[],
): ClientSends | undefined {
  if (client.sends) return client.sends;
  if (client.beanName) {
    const name = client.beanName;
    return merge(files.flatMap((f) => (f.sendsByReceiver?.[name] ? [f.sendsByReceiver[name]] : [])));
  }
  if (
    file.language !== 'python' ||
    !client.boundTo ||
    client.enclosingFunction ||
    client.boundTo.includes('.')
  )
    return undefined;
  const home = moduleName(file.file);
  const found: ClientSends[] = [];
  for (const g of files) {
    if (g === file || g.language !== 'python') continue;
    const local = importedAs(g, home, client.boundTo);
    const sends = local ? g.sendsByReceiver?.[local] : undefined;
    if (sends) found.push(sends);
  }
  return merge(found);
}
