// `kms-codemod scan` next to ast-grep (equivalent patterns for the legacy constructors, parsing every
// file), `grep -rlE` with the same literals (the floor the issue names) and the parse floor (bench/parse-floor.mjs), on one generated corpus, in one run.
// Prints wall time, files/s, MB/s and peak RSS, and the ratios against the targets
// (scan ≤ 1.0× ast-grep, ≤ 3× grep, peak RSS < 500 MB).
// Needs `npm run build`. Usage: node bench/scan.bench.mjs [--mb 200] [--runs 3] [--regenerate]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const targetMb = Number(arg('--mb', 200));
const runs = Number(arg('--runs', 3));
const corpus = join(root, 'bench', 'corpus');
const CORPUS_VERSION = `v1-${targetMb}`;

// ---- corpus -------------------------------------------------------------------------------------
// Deterministic generator (mulberry32) so every run measures the same bytes.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODY = {
  java: (r, i) =>
    `    public int method${i}(int a, String b) {\n        int total = a * ${Math.floor(r() * 100)};\n        for (int k = 0; k < b.length(); k++) {\n            total += b.charAt(k) ^ ${i};\n        }\n        if (total % 7 == 0) { log.info("divisible {}", total); }\n        return total;\n    }\n\n`,
  python: (r, i) =>
    `def function_${i}(a, b=None):\n    """Computes a value for record ${i}."""\n    total = a * ${Math.floor(r() * 100)}\n    for k, ch in enumerate(b or ""):\n        total += ord(ch) ^ k\n    if total % 7 == 0:\n        logger.info("divisible %s", total)\n    return total\n\n\n`,
  go: (r, i) =>
    `// Function${i} computes a value for record ${i}.\nfunc Function${i}(a int, b string) int {\n\ttotal := a * ${Math.floor(r() * 100)}\n\tfor k, ch := range b {\n\t\ttotal += int(ch) ^ k\n\t}\n\tif total%7 == 0 {\n\t\tlog.Printf("divisible %d", total)\n\t}\n\treturn total\n}\n\n`,
  typescript: (r, i) =>
    `export function function${i}(a: number, b: string): number {\n  let total = a * ${Math.floor(r() * 100)};\n  for (let k = 0; k < b.length; k++) {\n    total += b.charCodeAt(k) ^ k;\n  }\n  if (total % 7 === 0) console.log('divisible', total);\n  return total;\n}\n\n`,
};
const HEAD = {
  java: (n, kms) =>
    `package com.acme.gen;\n\n${kms ? 'import com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.kms.model.v20160120.EncryptRequest;\nimport com.aliyuncs.profile.DefaultProfile;\n' : 'import java.util.List;\n'}import org.slf4j.Logger;\n\npublic class Gen${n} {\n    private static final Logger log = org.slf4j.LoggerFactory.getLogger(Gen${n}.class);\n${kms ? '    private final DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n    public EncryptRequest request() { return new EncryptRequest(); }\n' : ''}\n`,
  python: (n, kms) =>
    `import logging\n${kms ? 'from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n\nclient = AcsClient(region_id="cn-hangzhou")\nrequest = EncryptRequest()\n' : ''}\nlogger = logging.getLogger("gen${n}")\n\n\n`,
  go: (n, kms) =>
    `package gen${n % 50}\n\nimport (\n\t"log"\n${kms ? '\n\t"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n' : ''})\n\n${kms ? 'func NewKms() (*kms.Client, error) {\n\treturn kms.NewClientWithAccessKey("cn-hangzhou", "a", "b")\n}\n\n' : ''}`,
  typescript: (_n, kms) =>
    `${kms ? "import Core from '@alicloud/pop-core';\n\nexport const kms = new Core({ endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });\nexport const seal = (t: string) => kms.request('Encrypt', { KeyId: 'alias/app', Plaintext: t });\n" : "import { readFile } from 'node:fs/promises';\n"}\n`,
};
const TAIL = { java: '}\n', python: '', go: '', typescript: '' };
const EXT = { java: 'java', python: 'py', go: 'go', typescript: 'ts' };

function generateCorpus() {
  rmSync(corpus, { recursive: true, force: true });
  const r = rng(42);
  const langs = Object.keys(BODY);
  let bytes = 0;
  let n = 0;
  let kmsFiles = 0;
  const target = targetMb * 1024 * 1024;
  while (bytes < target) {
    const lang = langs[n % langs.length];
    const kms = r() < 0.01;
    const fns = 10 + Math.floor(r() * 120);
    let text = HEAD[lang](n, kms);
    for (let i = 0; i < fns; i++) text += BODY[lang](r, i);
    text += TAIL[lang];
    const dir = join(corpus, lang, `pkg${Math.floor(n / 200)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `gen${n}.${EXT[lang]}`), text);
    bytes += Buffer.byteLength(text);
    if (kms) kmsFiles++;
    n++;
  }
  writeFileSync(join(corpus, 'VERSION'), CORPUS_VERSION);
  return { files: n, bytes, kmsFiles };
}

function corpusStats() {
  const out = spawnSync('find', [corpus, '-type', 'f', '-printf', '%s\n'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const sizes = out.stdout.trim().split('\n').map(Number);
  return { files: sizes.length - 1, bytes: sizes.reduce((a, b) => a + b, 0) };
}

if (
  process.argv.includes('--regenerate') ||
  !existsSync(join(corpus, 'VERSION')) ||
  readFileSync(join(corpus, 'VERSION'), 'utf8') !== CORPUS_VERSION
) {
  process.stderr.write(`generating a ${targetMb} MB corpus under bench/corpus/ ...\n`);
  const g = generateCorpus();
  process.stderr.write(`  ${g.files} files, ${(g.bytes / 1048576).toFixed(1)} MB, ${g.kmsFiles} use KMS\n`);
}
const { files, bytes } = corpusStats();

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
    args: [cli, 'scan', corpus, '--format', 'json', '--output', out],
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
