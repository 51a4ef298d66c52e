// `kms-codemod scan` next to ast-grep (equivalent patterns for the legacy constructors, parsing every
// file), `grep -rlE` with the same literals (the floor the issue names) and the parse floor (bench/parse-floor.mjs), on one generated corpus, in one run.
// Prints wall time, files/s, MB/s and peak RSS, and the ratios against the targets
// (scan ≤ 1.0× ast-grep, ≤ 3× grep, peak RSS < 500 MB).
// Needs `npm run build`. Usage: node bench/scan.bench.mjs [--mb 200] [--runs 3] [--regenerate]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const targetMb = Number(arg('--mb', 200));
const runs = Number(arg('--runs', 3));
const corpus = join(root, 'bench', 'corpus');

// ---- corpus (bench/corpus.mjs) -------------------------------------------------------------------
const { files, bytes } = ensureCorpus(corpus, targetMb, process.argv.includes('--regenerate'));

// ---- tools --------------------------------------------------------------------------------------
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('bench/scan.bench.mjs: dist/ is missing; run `npm run build` first.\n');
  process.exit(2);
}
const { SDK_LITERALS, SDK_PATTERNS } = await import(
  join(root, 'dist', 'src', 'workspace', 'sdk-literals.js')
);
const LANGS = ['java', 'python', 'go', 'typescript'];
const literals = [...new Set(LANGS.flatMap((l) => SDK_LITERALS[l]))];
// The prefilter's patterns too (TS/JS `.request('Action'`), as POSIX ERE, so grep does the same work.
const patterns = [...new Set(LANGS.flatMap((l) => (SDK_PATTERNS[l] ? [SDK_PATTERNS[l]] : [])))].map((p) =>
  p.replaceAll('\\s', '[[:space:]]').replaceAll('\\x60', '`'),
);
const grepPattern = [...literals.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ...patterns].join('|');
const astGrepRules = [
  ['java', 'new DefaultAcsClient($$$)'],
  ['python', 'AcsClient($$$)'],
  ['go', 'kms.NewClientWithAccessKey($A, $B, $C)'],
  ['typescript', 'new Core($$$)'],
]
  .map(([lang, pattern], i) => `id: legacy-${i}\nlanguage: ${lang}\nrule:\n  pattern: '${pattern}'`)
  .join('\n---\n');
const out = join(tmpdir(), `kms-bench-${process.pid}.json`);

const TOOLS = [
  {
    name: 'kms-codemod scan',
    cmd: process.execPath,
    // --no-cache: this is issue 2's cold scan; warm and incremental scans are in incremental.bench.mjs.
    args: [cli, 'scan', corpus, '--no-cache', '--format', 'json', '--output', out],
  },
  {
    name: 'ast-grep scan',
    cmd: join(root, 'node_modules', '.bin', 'ast-grep'),
    args: ['scan', '--inline-rules', astGrepRules, '--json=compact', corpus],
  },
  { name: 'grep -rlE', cmd: 'grep', args: ['-rlE', grepPattern, corpus] },
  // Walk, read, prefilter and one parse per candidate, nothing else (bench/parse-floor.mjs).
  { name: 'parse floor', cmd: process.execPath, args: [join(root, 'bench', 'parse-floor.mjs'), corpus] },
];

/** Wall time, CPU time (user+sys) and peak RSS of one run, via GNU time (threads included). */
function once(tool) {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', tool.cmd, ...tool.args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = (performance.now() - start) / 1000;
  const [user, sys, rssKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${tool.name} failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const tool of TOOLS) {
  const first = once(tool); // also warms the page cache and the binaries
  const samples = [];
  // A peer that takes minutes (ast-grep parses every file) is measured once: its first run is the sample.
  if (first.wall > 60) samples.push(first);
  else for (let i = 0; i < runs; i++) samples.push(once(tool));
  results.push({
    name: tool.name,
    wall: median(samples.map((x) => x.wall)),
    cpu: median(samples.map((x) => x.cpu)),
    rss: Math.max(...samples.map((x) => x.rssMb)),
    n: samples.length,
    last: samples[samples.length - 1],
  });
}

// What each tool found, so the comparison is of equal work.
const scanReport = JSON.parse(readFileSync(out, 'utf8'));
rmSync(out, { force: true });
const legacyFound = scanReport.findings.filter((f) => f.ruleId === 'legacy-kms-client').length;
const astGrepFound = JSON.parse(results[1].last.stdout || '[]').length;
const grepFound = results[2].last.stdout.trim().split('\n').filter(Boolean).length;
const floorParsed = Number.parseInt(results[3].last.stdout, 10);

const mb = bytes / 1048576;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `\nscan benchmark: ${files} files, ${mb.toFixed(1)} MB (Java/Python/Go/TS, ~1 % use KMS); load average ${load}`,
);
console.log('tool               runs   wall s    cpu s   files/s     MB/s   peak RSS MB   found');
const found = [legacyFound, astGrepFound, grepFound, floorParsed];
const unit = [' constructors', ' constructors', ' files', ' files parsed'];
results.forEach((r, i) => {
  console.log(
    `${r.name.padEnd(18)} ${String(r.n).padStart(4)} ${r.wall.toFixed(2).padStart(8)} ${r.cpu.toFixed(2).padStart(8)} ${Math.round(
      files / r.wall,
    )
      .toString()
      .padStart(
        9,
      )} ${(mb / r.wall).toFixed(1).padStart(8)} ${r.rss.toFixed(0).padStart(13)}   ${found[i]}${unit[i]}`,
  );
});
const [s, a, g, f] = results;
const verdict = (x, limit) => (x <= limit ? 'OK' : 'MISSED');
console.log(
  `\nscan / ast-grep  wall ${(s.wall / a.wall).toFixed(2)}x  cpu ${(s.cpu / a.cpu).toFixed(2)}x  (target <= 1.0x) ${verdict(s.wall / a.wall, 1)}`,
);
console.log(
  `scan / grep      wall ${(s.wall / g.wall).toFixed(2)}x  cpu ${(s.cpu / g.cpu).toFixed(2)}x  (target <= 3.0x) ${verdict(s.wall / g.wall, 3)}`,
);
// What parsing alone costs with these engines on this machine: the share of grep's time no analysis
// can get under, whatever it does after the parse.
console.log(
  `parse floor / grep wall ${(f.wall / g.wall).toFixed(2)}x  cpu ${(f.cpu / g.cpu).toFixed(2)}x;  scan / parse floor wall ${(s.wall / f.wall).toFixed(2)}x`,
);
console.log(`scan peak RSS    ${s.rss.toFixed(0)} MB (target < 500 MB) ${verdict(s.rss, 499.99)}`);
console.log(`scan summary: ${JSON.stringify(scanReport.summary)}`);
