import { resolve } from 'node:path';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { transferNeedOf } from '../languages/rewrite-kit/transfer-need.js';
import type { AppAnalysis, KmsClient, MissingSdk } from '../model/app.js';

/**
 * Transfer clients whose SDK the application's manifests do not declare: a migration that rewrote the
 * code but not the build (a killed run, an older tool, a hand edit). `migrate` adds the same packages
 * for the transfer clients already in the code, so what this reports is what `migrate` finishes. An
 * application with no manifest of that ecosystem is not judged (its build is elsewhere).
 */
export async function findMissingSdks(root: string, a: AppAnalysis): Promise<MissingSdk[]> {
  const byNeed = new Map<TransferNeed, KmsClient>();
  for (const k of a.kmsClients) {
    const need = transferNeedOf(k.client);
    if (need && !byNeed.has(need)) byNeed.set(need, k);
  }
  const out: MissingSdk[] = [];
  if (byNeed.size === 0) return out;
  // The manifest readers load only for an application with transfer clients (a plain rescan has none).
  const [{ declaredPackages, packageKey }, { NEED_PACKAGES }] = await Promise.all([
    import('../manifests/declared.js'),
    import('../manifests/needs.js'),
  ]);
  for (const [need, client] of byNeed) {
    const { ecosystem, names } = NEED_PACKAGES[need];
    const declared = declaredPackages(resolve(root, a.dir), ecosystem);
    if (!declared) continue;
    const packages = names.filter((n) => !declared.has(packageKey(ecosystem, n)));
    if (packages.length > 0) out.push({ client, ecosystem, packages });
  }
  return out;
}
