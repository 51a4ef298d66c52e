// Wall time of the whole bundled verify matrix (every sample, software + hsm, warm caches) against a
// peer in the same run: the same matrix run serially (one profile after the other, one sample
// prepared at a time), i.e. what verify would cost without its scheduling. Target: parallel < 300 s.
// Needs `npm run build` and warm toolchains (`npm run setup`).
// Usage: node bench/verify.bench.mjs [--lang python,go] [--skip-serial]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { verifySamples } = await import(join(root, 'dist/src/verify/index.js'));
const langArg = process.argv.indexOf('--lang');
const langs = langArg > 0 ? process.argv[langArg + 1].split(',') : undefined;
const skipSerial = process.argv.includes('--skip-serial');

async function timed(label, run) {
  const t0 = performance.now();
  const reports = await run();
  const s = (performance.now() - t0) / 1000;
  const results = reports.flatMap((r) => r.results);
  const passed = results.filter((r) => r.ok).length;
  console.log(
    `${label.padEnd(28)} ${s.toFixed(1).padStart(7)} s  ${passed}/${results.length} sample runs passed`,
  );
  return s;
}

// Warm-up: toolchains, build cache and mock PKI (not timed).
await verifySamples({ langs, profiles: ['software'], concurrency: 2 });

const parallel = await timed('verify (parallel)', async () => [
  await verifySamples({ langs, profiles: ['software', 'hsm'] }),
]);
if (!skipSerial) {
  const serial = await timed('serial peer', async () => [
    await verifySamples({ langs, profiles: ['software'], concurrency: 1, lanes: 1 }),
    await verifySamples({ langs, profiles: ['hsm'], concurrency: 1, lanes: 1 }),
  ]);
  console.log(`speed-up over the serial peer: ${(serial / parallel).toFixed(2)}x`);
}
console.log(
  `target: ${langs ? 'selected languages' : 'whole matrix'} under 300 s -> ${parallel < 300 ? 'met' : 'NOT met'} (${parallel.toFixed(1)} s)`,
);
