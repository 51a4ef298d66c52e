// `kms-codemod review` on a pull request of 20 changed files in a git copy of issue 2's corpus, as a
// ratio to its peer in the same run, `scan --since` of the same change (target: the review's added cost,
// the diff, the fixes and the comments, stays small next to the scan both do). The GitHub reporter
// posts to a counting stand-in for the REST API on 127.0.0.1: the requests per run, first and second
// (target: at most 1 review + 2 summary requests + the reads, whatever the number of findings).
// Needs `npm run build`. Usage: node bench/review.bench.mjs [--runs 5]
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusStats, ensureCorpus } from './corpus.mjs';
import { ensureGitCopy } from './git-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('--runs', 5));
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('bench/review.bench.mjs: dist/ is missing; run `npm run build` first.\n');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'kms-review-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

// ---- the pull request ---------------------------------------------------------------------------
const base = join(root, 'bench', 'corpus');
ensureCorpus(base);
const corpus = join(root, 'bench', 'corpus-review');
const git = ensureGitCopy(base, corpus, 'main');
git('checkout', '-q', '-f', '-B', 'pr', 'main');
git('clean', '-fdq');
const { files, bytes } = corpusStats(corpus);

// 20 files: 10 that already use KMS get a second legacy client (a finding on an added line, with its
// fix), 10 others a plain line.
const listed = (lang, ext) =>
  spawnSync('find', [join(corpus, lang), '-name', `*.${ext}`], { encoding: 'utf8', maxBuffer: 1 << 26 })
    .stdout.trim()
    .split('\n')
    .sort();
const usesKms = (f) =>
  /DefaultAcsClient|AcsClient\(|NewClientWithAccessKey|pop-core/.test(readFileSync(f, 'utf8'));
const py = listed('python', 'py');
const kmsFiles = py.filter(usesKms).slice(0, 10);
const plainFiles = listed('go', 'go')
  .filter((f) => !usesKms(f))
  .slice(0, 10);
if (kmsFiles.length < 10) throw new Error(`the corpus has ${kmsFiles.length} Python files using KMS, not 10`);
for (const f of kmsFiles) appendFileSync(f, '\nsecond_client = AcsClient(region_id="cn-shanghai")\n');
for (const f of plainFiles) appendFileSync(f, '// changed\n');
git('add', '-A');
git('commit', '-qm', 'twenty files');
const head = git('rev-parse', 'HEAD');

// ---- a counting stand-in for GitHub's REST API --------------------------------------------------
// Just enough of it for one pull request: the Actions token's 403 on GET /user, the review and issue
// comments listed, created, edited and deleted. Every request is counted.
const OWNER = 'acme';
const REPO = 'corpus';
const PULL = 1;
const state = { requests: [], reviewComments: [], issueComments: [], nextId: 1 };
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const path = new URL(req.url, 'http://x').pathname;
    state.requests.push(`${req.method} ${path}`);
    const send = (status, data) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const pr = `/repos/${OWNER}/${REPO}`;
    const user = { login: 'github-actions[bot]', type: 'Bot' };
    const json = body ? JSON.parse(body) : {};
    if (req.method === 'GET' && path === '/user')
      return send(403, { message: 'Resource not accessible by integration' });
    if (req.method === 'GET' && path === `${pr}/pulls/${PULL}/comments`)
      return send(200, state.reviewComments);
    if (req.method === 'POST' && path === `${pr}/pulls/${PULL}/reviews`) {
      for (const c of json.comments ?? []) state.reviewComments.push({ ...c, id: state.nextId++, user });
      return send(200, { id: state.nextId++ });
    }
    if (req.method === 'GET' && path === `${pr}/issues/${PULL}/comments`)
      return send(200, state.issueComments);
    if (req.method === 'POST' && path === `${pr}/issues/${PULL}/comments`) {
      const c = { id: state.nextId++, body: json.body, user };
      state.issueComments.push(c);
      return send(201, c);
    }
    const edit = path.match(/\/issues\/comments\/(\d+)$/);
    if (req.method === 'PATCH' && edit) {
      const c = state.issueComments.find((x) => x.id === Number(edit[1]));
      c.body = json.body;
      return send(200, c);
    }
    const gone = path.match(/\/pulls\/comments\/(\d+)$/);
    if (req.method === 'DELETE' && gone) {
      state.reviewComments = state.reviewComments.filter((x) => x.id !== Number(gone[1]));
      return send(204);
    }
    send(404, { message: 'Not Found' });
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const apiUrl = `http://127.0.0.1:${server.address().port}`;
const event = join(scratch, 'event.json');
writeFileSync(event, JSON.stringify({ pull_request: { number: PULL, head: { sha: head } } }));
const reviewEnv = {
  ...process.env,
  GITHUB_TOKEN: 'ghs_bench',
  GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
  GITHUB_EVENT_PATH: event,
  GITHUB_API_URL: apiUrl,
  GITHUB_STEP_SUMMARY: join(scratch, 'step-summary.md'),
};

// ---- tools --------------------------------------------------------------------------------------
const sinceOut = join(scratch, 'since.json');
const dryOut = join(scratch, 'dry.json');
const TOOLS = {
  since: {
    name: 'scan --since main',
    args: ['scan', '.', '--since', 'main', '--format', 'json', '-o', sinceOut],
  },
  dry: { name: 'review --dry-run', args: ['review', '--base', 'main', '--dry-run', '-o', dryOut] },
  github: { name: 'review (GitHub)', args: ['review', '--base', 'main', '--max-comments', '30'] },
};

/** Wall time, CPU time (user+sys) and peak RSS of one run, via GNU time; async, so the stub answers. */
function once(tool) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', process.execPath, cli, ...tool.args], {
      cwd: corpus,
      env: reviewEnv,
    });
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.stdout.resume();
    child.on('close', (code) => {
      const wall = (performance.now() - start) / 1000;
      const [user, sys, rssKb] = stderr.trim().split('\n').pop().split(' ').map(Number);
      if (code !== 0 && code !== 1)
        reject(new Error(`${tool.name} failed (exit ${code}): ${stderr.slice(0, 800)}`));
      else resolve({ wall, cpu: user + sys, rssMb: rssKb / 1024 });
    });
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// API requests: the first run on the pull request, then a second with nothing new.
const requestsOf = async () => {
  state.requests = [];
  await once(TOOLS.github);
  return [...state.requests];
};
const first = await requestsOf();
const posted = state.reviewComments.length;
const second = await requestsOf();
// What the dry run would post, for the record of equal work.
await once(TOOLS.dry);
const dry = JSON.parse(readFileSync(dryOut, 'utf8'));

// Warm-up (page cache, the fact cache), then interleaved samples: the machine's load drifts.
await once(TOOLS.since);
const samples = { since: [], dry: [], github: [] };
for (let i = 0; i < runs; i++)
  for (const k of Object.keys(samples)) {
    samples[k].push(await once(TOOLS[k]));
  }
const since = JSON.parse(readFileSync(sinceOut, 'utf8'));
server.close();
git('checkout', '-q', '-f', 'main');

// ---- report -------------------------------------------------------------------------------------
const stat = (k) => ({
  wall: median(samples[k].map((s) => s.wall)),
  cpu: median(samples[k].map((s) => s.cpu)),
  rss: Math.max(...samples[k].map((s) => s.rssMb)),
});
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `\nreview benchmark: a pull request of 20 changed files (10 with a new legacy client) in ${files} files, ${(bytes / 1048576).toFixed(1)} MB; ${runs} runs each, medians; load average ${load}`,
);
console.log('run                      wall s   cpu s  peak RSS MB');
for (const k of Object.keys(samples)) {
  const s = stat(k);
  console.log(
    `${TOOLS[k].name.padEnd(24)} ${s.wall.toFixed(2).padStart(6)} ${s.cpu.toFixed(2).padStart(7)} ${s.rss.toFixed(0).padStart(12)}`,
  );
}
const ratio = (k) => stat(k).wall / stat('since').wall;
console.log(
  `\nreview --dry-run / scan --since   wall ${ratio('dry').toFixed(2)}x  cpu ${(stat('dry').cpu / stat('since').cpu).toFixed(2)}x`,
);
console.log(
  `review (GitHub) / scan --since    wall ${ratio('github').toFixed(2)}x  cpu ${(stat('github').cpu / stat('since').cpu).toFixed(2)}x`,
);
const kinds = (reqs) => ({
  reads: reqs.filter((r) => r.startsWith('GET')).length,
  reviews: reqs.filter((r) => r.endsWith('/reviews')).length,
  summary: reqs.filter((r) => /issues\/(\d+\/)?comments/.test(r) && !r.startsWith('GET')).length,
  other: reqs.filter(
    (r) => !r.startsWith('GET') && !r.endsWith('/reviews') && !/issues\/(\d+\/)?comments/.test(r),
  ).length,
});
const verdict = (k) => (k.reviews <= 1 && k.summary <= 2 && k.other === 0 ? 'OK' : 'MISSED');
const k1 = kinds(first);
const k2 = kinds(second);
console.log(
  `API requests, first run:  ${first.length} (${k1.reads} reads, ${k1.reviews} review, ${k1.summary} summary, ${k1.other} other) for ${posted} line comments; target <= 1 review + 2 summary + reads: ${verdict(k1)}`,
);
console.log(
  `API requests, second run: ${second.length} (${k2.reads} reads, ${k2.reviews} review, ${k2.summary} summary, ${k2.other} other), nothing new: ${verdict(k2)}`,
);
console.log(`  first:  ${first.join(', ')}`);
console.log(`  second: ${second.join(', ')}`);
console.log(`dry run counts: ${JSON.stringify(dry.counts)}; scan --since findings: ${since.findings.length}`);
