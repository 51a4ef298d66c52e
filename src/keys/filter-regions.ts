import type { Inventory } from './types.js';
import { UsageError } from './usage-error.js';

/**
 * `--from FILE --region R`: only the keys (and secrets, certificates) of those regions. A file that
 * does not say the region of some key cannot be filtered honestly, so the combination is refused
 * with the key named.
 */
export function filterRegions(inventory: Inventory, regions: readonly string[]): Inventory {
  if (regions.length === 0) return inventory;
  const unknown = inventory.keys.find((k) => !k.region);
  if (unknown) {
    throw new UsageError(
      `${inventory.source} does not give the region of key ${unknown.keyId}, so --region cannot filter it; drop --region, or add "Region" to each key (or "region" at the top of the file)`,
    );
  }
  const wanted = new Set(regions);
  return {
    ...inventory,
    keys: inventory.keys.filter((k) => k.region && wanted.has(k.region)),
    others: inventory.others.filter((o) => !o.region || wanted.has(o.region)),
    source: `${inventory.source} (region ${regions.join(', ')})`,
  };
}
