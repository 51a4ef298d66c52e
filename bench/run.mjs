// Runs every bench/*.bench.mjs in turn (each compares against its peer in the same script).
// Usage: node bench/run.mjs [name-filter] — extra arguments after the filter go to each bench.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [filter, ...rest] = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter)))
  .sort();
let failed = 0;
for (const b of benches) {
  process.stdout.write(`\n=== ${b} ===\n`);
  const r = spawnSync(process.execPath, [join(here, b), ...rest], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${b} failed (exit ${r.status})\n`);
  }
}
process.exit(failed ? 1 : 0);
