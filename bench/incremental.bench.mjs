// Incremental scanning, as ratios against `grep -rlE` with the scan's literals in the same run:
// - on issue 2's corpus (a git copy of bench/corpus): cold with the fact cache against --no-cache
//   (target <= 1.05x); warm rescans with nothing changed, strategy metadata (<= 1.0x grep) and content
//   (<= 1.5x grep); a rescan after editing 10 candidate files (<= 1.2x the warm rescan); `--since HEAD~1`
//   on a commit that touches 20 files (<= 0.5x grep);
//   next to Node's own start and `scan --help` (the scan command's modules loaded, no file read): the
//   floor under any fresh kms-codemod process;
// - on the real-shaped corpus (bench/corpus-real: ~10 % of the files import the SDK core for other
//   products, a few use KMS): a cold scan's ratio to grep and its peak RSS (target < 500 MB).
// Every cached scan's JSON report is compared with an uncached scan's of the same tree (the time taken
// and the cache's own counts left out): they must be equal, or the bench fails.
// Needs `npm run build`. Usage: node bench/incremental.bench.mjs [--runs 5] [--real-mb 200]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusStats, ensureCorpus, ensureRealShapedCorpus } from './corpus.mjs';
import { ensureGitCopy } from './git-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('--runs', 5));
const realMb = Number(arg('--real-mb', 200));
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('bench/incremental.bench.mjs: dist/ is missing; run `npm run build` first.\n');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'kms-incr-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// ---- corpora ------------------------------------------------------------------------------------
const base = join(root, 'bench', 'corpus');
ensureCorpus(base);
// A git copy, so --since has history; grep leaves its .git out as the scan does.
const corpus = join(root, 'bench', 'corpus-incr');
const git = ensureGitCopy(base, corpus, 'base');
git('checkout', '-q', '-f', '-B', 'bench', 'base');
git('clean', '-fdq');
const { files, bytes } = corpusStats(corpus);
const real = join(root, 'bench', 'corpus-real');
const realStats = ensureRealShapedCorpus(real, realMb);

// ---- tools --------------------------------------------------------------------------------------
const { SDK_LITERALS, SDK_PATTERNS } = await import(
  join(root, 'dist', 'src', 'workspace', 'sdk-literals.js')
);
const LANGS = ['java', 'python', 'go', 'typescript'];
const literals = [...new Set(LANGS.flatMap((l) => SDK_LITERALS[l]))];
const patterns = [...new Set(LANGS.flatMap((l) => (SDK_PATTERNS[l] ? [SDK_PATTERNS[l]] : [])))].map((p) =>
  p.replaceAll('\\s', '[[:space:]]').replaceAll('\\x60', '`'),
);
const grepPattern = [...literals.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ...patterns].join('|');
const grep = (dir) => ({
  name: 'grep -rlE',
  cmd: 'grep',
  args: ['-rlE', '--exclude-dir=.git', grepPattern, dir],
});
const scanOf = (dir, name, ...flags) => ({
  name,
  cmd: process.execPath,
  args: [cli, 'scan', dir, '--format', 'json', '--output', join(scratch, 'out.json'), ...flags],
  json: join(scratch, 'out.json'),
});

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
    throw new Error(`${tool.name} failed (exit ${r.status}): ${r.stderr.slice(0, 800)}`);
  const report = tool.json ? JSON.parse(readFileSync(tool.json, 'utf8')) : undefined;
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, stdout: r.stdout, report };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `runs` samples of each tool, interleaved (the load on a shared machine drifts), before each a `prepare`. */
function measure(tools, prepare = () => {}) {
  const samples = tools.map(() => []);
  for (let i = 0; i < runs; i++) {
    tools.forEach((t, k) => {
      prepare(t, i);
      samples[k].push(once(t));
    });
  }
  return samples.map((s) => ({
    wall: median(s.map((x) => x.wall)),
    cpu: median(s.map((x) => x.cpu)),
    rss: Math.max(...s.map((x) => x.rssMb)),
    last: s[s.length - 1],
  }));
}

/** The JSON report without what differs between any two runs: the time taken, the cache's counts. */
function comparable(report) {
  const r = structuredClone(report);
  delete r.summary.durationMs;
  delete r.summary.cache;
  return JSON.stringify(r);
}
let mismatches = 0;
function expectSame(label, cached, dir, ...flags) {
  const plain = once(scanOf(dir, 'scan --no-cache', '--no-cache', ...flags)).report;
  const same = comparable(cached) === comparable(plain);
  if (!same) mismatches++;
  console.log(`  ${label}: cached JSON ${same ? 'equals' : 'DIFFERS FROM'} the uncached scan's`);
}

// ---- issue 2's corpus ---------------------------------------------------------------------------
const cache = join(scratch, 'cache');
const withCache = (...flags) => ['--cache-location', cache, ...flags];
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `\nincremental benchmark: ${files} files, ${(bytes / 1048576).toFixed(1)} MB (issue 2's corpus, in git); ${runs} runs each, medians; load average ${load}`,
);

// Cold: the cache written from nothing, against no cache at all.
const [coldCache, coldPlain] = measure(
  [scanOf(corpus, 'cold, cache', ...withCache()), scanOf(corpus, 'cold, --no-cache', '--no-cache')],
  (t) => {
    if (t.name === 'cold, cache') rmSync(cache, { recursive: true, force: true });
  },
);
expectSame('cold', coldCache.last.report, corpus);

// Warm, nothing changed: metadata, then content; each next to grep.
const [grepWarm, warmMeta, warmContent] = measure([
  grep(corpus),
  scanOf(corpus, 'warm metadata', ...withCache('--cache-strategy', 'metadata')),
  scanOf(corpus, 'warm content', ...withCache('--cache-strategy', 'content')),
]);
expectSame('warm metadata', warmMeta.last.report, corpus);
expectSame('warm content', warmContent.last.report, corpus);

// Ten candidate files of the four languages touched (mtime moved, same bytes: what a checkout, a
// build or an editor's save-without-change does) before each run: read and hashed again, not parsed.
// Then the same ten edited (a new line each), so they are parsed again: no target, for the record.
const candidates = grepWarm.last.stdout.trim().split('\n').filter(Boolean).sort();
const edited = candidates.filter((_, i) => i % Math.floor(candidates.length / 10) === 0).slice(0, 10);
const [touched, warmAgain, editedScan] = measure(
  [
    scanOf(corpus, 'after touching 10', ...withCache('--cache-strategy', 'metadata')),
    scanOf(corpus, 'warm metadata', ...withCache('--cache-strategy', 'metadata')),
    scanOf(corpus, 'after editing 10', ...withCache('--cache-strategy', 'metadata')),
  ],
  (t, i) => {
    const now = new Date();
    if (t.name === 'after touching 10') for (const f of edited) utimesSync(f, now, now);
    if (t.name === 'after editing 10')
      for (const f of edited) appendFileSync(f, f.endsWith('.py') ? `# edit ${i}\n` : `// edit ${i}\n`);
  },
);
const parsedAfter = (r) => r.last.report.summary.cache;
if (parsedAfter(touched).extracted !== 0 || parsedAfter(touched).read < edited.length)
  throw new Error(
    `touched files: expected ${edited.length} read and none parsed, got ${JSON.stringify(parsedAfter(touched))}`,
  );
if (parsedAfter(editedScan).extracted !== edited.length)
  throw new Error(
    `edited files: expected ${edited.length} parsed, got ${JSON.stringify(parsedAfter(editedScan))}`,
  );
expectSame('after touching and editing 10', editedScan.last.report, corpus);

// --since HEAD~1 on a commit that touches 20 files (10 candidates, 10 others); the cache is warm.
git('checkout', '-q', '-f', 'bench');
git('clean', '-fdq');
const plainFiles = spawnSync('find', [join(corpus, 'go'), '-name', '*.go'], { encoding: 'utf8' })
  .stdout.trim()
  .split('\n')
  .filter((f) => !candidates.includes(f))
  .sort()
  .slice(0, 10);
for (const f of [...edited, ...plainFiles])
  appendFileSync(f, f.endsWith('.py') ? '# changed\n' : '// changed\n');
git('add', '-A');
git('commit', '-qm', 'twenty files');
once(scanOf(corpus, 'warm-up', ...withCache()));
// Next to it, what any kms-codemod run pays before its first file: Node's own start, and Node with the
// scan command's modules loaded (`scan --help` reads no file), the floor under --since's target.
const [grepSince, since, nodeBare, scanHelp] = measure([
  grep(corpus),
  scanOf(corpus, 'since HEAD~1', ...withCache('--since', 'HEAD~1')),
  { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'scan --help', cmd: process.execPath, args: [cli, 'scan', '--help'] },
]);
expectSame('--since HEAD~1', since.last.report, corpus, '--since', 'HEAD~1');
git('checkout', '-q', '-f', '-B', 'bench', 'base');

// ---- the real-shaped corpus ---------------------------------------------------------------------
const [grepReal, realScan] = measure([grep(real), scanOf(real, 'cold real-shaped', '--no-cache')]);

// ---- report -------------------------------------------------------------------------------------
const verdict = (x, limit) => (x <= limit ? 'OK' : 'MISSED');
const row = (name, r) =>
  console.log(
    `${name.padEnd(28)} ${r.wall.toFixed(2).padStart(7)} ${r.cpu.toFixed(2).padStart(7)} ${r.rss.toFixed(0).padStart(12)}`,
  );
console.log('\nrun                           wall s   cpu s  peak RSS MB');
row('grep -rlE', grepWarm);
row('scan cold, --no-cache', coldPlain);
row('scan cold, cache written', coldCache);
row('scan warm, metadata', warmMeta);
row('scan warm, content', warmContent);
row('scan after touching 10 files', touched);
row('scan after editing 10 files', editedScan);
row('grep -rlE (since round)', grepSince);
row('scan --since HEAD~1 (20 files)', since);
row('node -e 0 (Node starts)', nodeBare);
row('scan --help (modules loaded)', scanHelp);
const ratio = (a, b) => a.wall / b.wall;
const lines = [
  ['cold with cache / --no-cache', ratio(coldCache, coldPlain), 1.05],
  ['warm metadata / grep', ratio(warmMeta, grepWarm), 1.0],
  ['warm content / grep', ratio(warmContent, grepWarm), 1.5],
  ['after touching 10 / warm', ratio(touched, warmAgain), 1.2],
  ['--since HEAD~1 / grep', ratio(since, grepSince), 0.5],
];
console.log('');
for (const [name, x, limit] of lines)
  console.log(`${name.padEnd(30)} ${x.toFixed(2)}x  (target <= ${limit}x) ${verdict(x, limit)}`);
console.log(
  `${'floor: scan --help / grep'.padEnd(30)} ${ratio(scanHelp, grepSince).toFixed(2)}x  (node -e 0 / grep ${ratio(nodeBare, grepSince).toFixed(2)}x: a fresh process's floor, before any file)`,
);
console.log(
  `${'after editing 10 / warm'.padEnd(30)} ${ratio(editedScan, warmAgain).toFixed(2)}x  (no target: the parsers of four languages load)`,
);
const c = warmMeta.last.report.summary.cache;
console.log(`warm cache: ${JSON.stringify(c)}`);
console.log(
  `since: ${JSON.stringify(since.last.report.summary.since)} cache ${JSON.stringify(since.last.report.summary.cache)}`,
);

console.log(
  `\nreal-shaped corpus: ${realStats.files} files, ${(realStats.bytes / 1048576).toFixed(1)} MB; grep finds ${grepReal.last.stdout.trim().split('\n').filter(Boolean).length} files`,
);
row('grep -rlE', grepReal);
row('scan cold, --no-cache', realScan);
console.log(
  `real-shaped cold scan / grep  ${ratio(realScan, grepReal).toFixed(2)}x (issue 2's corpus: see scan.bench.mjs); peak RSS ${realScan.rss.toFixed(0)} MB (target < 500 MB) ${verdict(realScan.rss, 499.99)}`,
);
console.log(`real-shaped scan summary: ${JSON.stringify(realScan.last.report.summary)}`);
if (mismatches > 0) {
  console.log(`\n${mismatches} cached report(s) differed from the uncached ones`);
  process.exit(1);
}
