import type { ClientSite } from '../model/facts.js';
import { hasTransferTwin } from '../scan/go-retype.js';
import type { TextMigration } from './migrate-text.js';
import type { FileTarget } from './scan-plan.js';

/** A construction migrate had to rewrite in a module that retypes its client, and did not. */
export interface MissedConstruction {
  path: string;
  site: ClientSite;
}

/**
 * Go modules the rewrite would leave half retyped: every client type of the module moves to the
 * transfer type, so a construction the rewriter could not change (its finding says why) would no
 * longer fit the variables it is stored in. Such an application is not rewritten at all.
 */
export function halfRetypedApps(
  inputs: readonly { target: FileTarget }[],
  results: readonly TextMigration[],
): Map<string, MissedConstruction[]> {
  const out = new Map<string, MissedConstruction[]>();
  inputs.forEach(({ target }, i) => {
    if (target.goRetype.length === 0) return;
    const edits = results[i].edits;
    for (const site of target.clients) {
      if (!target.goRetype.includes(site.family as (typeof target.goRetype)[number])) continue;
      if (!hasTransferTwin(site)) continue;
      const { startOffset: s, endOffset: e } = site.calleeRange;
      if (edits.some((x) => x.end > x.start && x.start < e && x.end > s)) continue;
      out.set(target.app, [...(out.get(target.app) ?? []), { path: target.path, site }]);
    }
  });
  return out;
}
