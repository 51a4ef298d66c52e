import { resolveCredentials } from './credentials.js';
import { fetchInventory, mergeInventories } from './fetch-inventory.js';
import { filterRegions } from './filter-regions.js';
import { readInventoryFile } from './inventory-file.js';
import { KmsReadClient } from './openapi-client.js';
import type { RetryPolicy } from './retry.js';
import type { Inventory } from './types.js';
import { UsageError } from './usage-error.js';

export interface LoadOptions {
  /** An exported inventory file; when given, nothing is read from the network (`regions` filters it). */
  from?: string;
  regions?: string[];
  endpoint?: string;
  profile?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  retry?: RetryPolicy;
  concurrency?: number;
  onRetry?: (info: { action: string; attempt: number; code: string; delayMs: number }) => void;
}

export { UsageError };

/** The one entry point `keys` and `plan` share: a file, or the OpenAPI for each region. */
export async function loadInventory(opts: LoadOptions): Promise<Inventory> {
  if (opts.from) return filterRegions(await readInventoryFile(opts.from), opts.regions ?? []);
  const credentials = await resolveCredentials({ profile: opts.profile, env: opts.env, home: opts.home });
  const env = opts.env ?? process.env;
  const regions = opts.regions?.length
    ? opts.regions
    : [credentials.region ?? env.ALIBABA_CLOUD_REGION_ID].filter(Boolean);
  if (regions.length === 0) {
    throw new UsageError(
      'no region: pass --region R (repeatable), set ALIBABA_CLOUD_REGION_ID, or read a file with --from FILE',
    );
  }
  const parts: Inventory[] = [];
  for (const region of regions as string[]) {
    const client = new KmsReadClient({
      credentials,
      region,
      endpoint: opts.endpoint,
      retry: opts.retry,
      onRetry: opts.onRetry,
    });
    parts.push(await fetchInventory(client, { concurrency: opts.concurrency }));
  }
  return mergeInventories(parts);
}
