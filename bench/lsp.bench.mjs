// `kms-codemod lsp`, measured at the client over stdio, next to `kms-codemod scan` in the same run:
// - diagnostics latency after a one-character edit in a 5,000-line Java file with a legacy client, from
//   didChange to the pull answer (pull client) and to the publish (push client, edits 250 ms apart):
//   p50/p95 over --edits edits (target p95 <= 30 ms);
// - the workspace index of the 200 MB bench corpus: wall time from spawning the server to the end of
//   its $/progress, as a ratio to `kms-codemod scan` of the same tree (target <= 1.2x), and the
//   server's peak RSS once indexed (target < 400 MB), and the index process's; both cold (--no-cache),
//   and both warm on one fact cache (what a rebuild after a save costs);
// - the same latencies while the index builds (target p95 <= 3x the idle p95).
// Needs `npm run build`. Usage: node bench/lsp.bench.mjs [--mb 200] [--edits 200] [--runs 3]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ensureCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const targetMb = arg('--mb', 200);
const edits = arg('--edits', 200);
const runs = arg('--runs', 3);
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli)) {
  process.stderr.write('bench/lsp.bench.mjs: dist/ is missing; run `npm run build` first.\n');
  process.exit(2);
}
const corpus = join(root, 'bench', 'corpus');
const { files, bytes } = ensureCorpus(corpus, targetMb);

// ---- the 5,000-line file ------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'kms-lsp-bench-'));
const filler = (i) =>
  `    public int helper${i}(int a, int b) {\n        int s = 0;\n        for (int k = a; k < b; k++) { s += k * ${i}; }\n        return s;\n    }\n`;
const head = `package com.acme.bench;\n\nimport com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.IAcsClient;\nimport com.aliyuncs.kms.model.v20160120.EncryptRequest;\nimport com.aliyuncs.profile.DefaultProfile;\n\npublic class Big {\n    private final IAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n\n    public String seal(String keyId, String text) throws Exception {\n        EncryptRequest request = new EncryptRequest();\n        request.setKeyId(keyId);\n        request.setPlaintext(text);\n        return client.getAcsResponse(request).getCiphertextBlob();\n    }\n\n`;
let bigText = head;
for (let i = 0; bigText.split('\n').length < 5000; i++) bigText += filler(i);
bigText += '}\n';
const lines = bigText.split('\n').length;
writeFileSync(join(work, 'pom.xml'), '<project><modelVersion>4.0.0</modelVersion></project>\n');
const bigPath = join(work, 'Big.java');
writeFileSync(bigPath, bigText);
const bigUri = pathToFileURL(bigPath).href;

// ---- a client -----------------------------------------------------------------------------------
/** CPU seconds (user + system, every thread) the process has used. */
function cpuOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** `args`: the cache flags (cold by default: every build parses every file). */
async function startServer({ pull, folders, args = ['--no-cache'] }) {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const c = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const listeners = new Set();
  const progress = [];
  c.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const l of listeners) l(p);
  });
  c.onNotification('$/progress', (p) => progress.push({ at: performance.now(), kind: p.value.kind }));
  c.onRequest('window/workDoneProgress/create', () => null);
  c.onRequest('client/registerCapability', () => null);
  c.onRequest('workspace/diagnostic/refresh', () => null);
  c.onNotification('window/logMessage', () => undefined);
  c.listen();
  const capabilities = {
    window: { workDoneProgress: true },
    workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true } },
    textDocument: { publishDiagnostics: { versionSupport: true }, ...(pull ? { diagnostic: {} } : {}) },
  };
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities,
    workspaceFolders: folders.map((f, i) => ({ uri: pathToFileURL(f).href, name: `f${i}` })),
  });
  await c.sendNotification('initialized', {});
  const ended = (n) =>
    new Promise((resolve) => {
      const t = setInterval(() => {
        if (progress.filter((p) => p.kind === 'end').length >= n) {
          clearInterval(t);
          resolve(performance.now());
        }
      }, 5);
    });
  return {
    c,
    child,
    started,
    progress,
    ended,
    building: () =>
      progress.filter((p) => p.kind === 'begin').length > progress.filter((p) => p.kind === 'end').length,
    publishedFor: (version) =>
      new Promise((resolve) => {
        const l = (p) => {
          if (p.uri === bigUri && p.version === version) {
            listeners.delete(l);
            resolve(performance.now());
          }
        };
        listeners.add(l);
      }),
    stop: async () => {
      await c.sendRequest('shutdown');
      await c.sendNotification('exit');
      await new Promise((r) => child.once('exit', r));
      c.dispose();
    },
  };
}

/** Edits: insert one character in a method body, then delete it, alternately (the file keeps its size). */
async function measure(server, { pull, count, spacingMs, keep = () => true }) {
  const { c } = server;
  await c.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bigUri, languageId: 'java', version: 1, text: bigText },
  });
  if (pull) await c.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } });
  else await server.publishedFor(1);
  const at = bigText.split('\n').findIndex((l) => l.includes('int s = 0;'));
  const samples = [];
  const cpuBefore = cpuOf(server.child.pid);
  let version = 1;
  let inserted = false;
  for (let i = 0; samples.length < count; i++) {
    // A phase whose condition never holds (the index never rebuilding) must fail, not spin forever.
    if (i > count * 20) throw new Error(`only ${samples.length} of ${count} edits could be measured`);
    version++;
    const change = inserted
      ? { range: { start: { line: at, character: 13 }, end: { line: at, character: 14 } }, text: '' }
      : { range: { start: { line: at, character: 13 }, end: { line: at, character: 13 } }, text: 'x' };
    inserted = !inserted;
    const counted = keep();
    const t0 = performance.now();
    const published = pull ? undefined : server.publishedFor(version);
    await c.sendNotification('textDocument/didChange', {
      textDocument: { uri: bigUri, version },
      contentChanges: [change],
    });
    let report;
    if (pull) report = await c.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } });
    const t1 = pull ? performance.now() : await published;
    if (pull && !report.items.some((d) => d.code === 'legacy-kms-client'))
      throw new Error('the legacy client was not reported');
    if (i >= 10 && counted && keep()) samples.push(t1 - t0); // the first ten warm the JIT
    if (spacingMs) await new Promise((r) => setTimeout(r, spacingMs));
  }
  await c.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
  samples.cpuMsPerEdit = ((cpuOf(server.child.pid) - cpuBefore) * 1000) / (version - 1);
  return samples;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

// ---- idle latency -------------------------------------------------------------------------------
const idle = {};
for (const pull of [true, false]) {
  const s = await startServer({ pull, folders: [work] });
  await s.ended(1);
  idle[pull ? 'pull' : 'push'] = await measure(s, { pull, count: edits, spacingMs: pull ? 0 : 250 });
  await s.stop();
}

// ---- index vs scan ------------------------------------------------------------------------------
const out = join(work, 'scan.json');
const cacheDir = join(work, 'cache');
/** `cache`: cold (`--no-cache`) or warm (the bench's own fact cache, filled by an earlier run). */
const scanOnce = (cache = ['--no-cache']) => {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [cli, 'scan', corpus, ...cache, '--format', 'json', '--output', out],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan failed: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
};
/** The server's child processes (the index builds). */
function childrenOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

const indexOnce = async (args) => {
  const s = await startServer({ pull: true, folders: [corpus], args });
  // The index process's peak, read while it lives (it exits when its build ends).
  let indexPeak = 0;
  const sampler = setInterval(() => {
    for (const pid of childrenOf(s.child.pid)) {
      try {
        indexPeak = Math.max(indexPeak, rssOf(pid).peak);
      } catch {
        // it just exited
      }
    }
  }, 20);
  const end = await s.ended(1);
  clearInterval(sampler);
  const mem = rssOf(s.child.pid);
  await s.stop();
  return { wall: (end - s.started) / 1000, ...mem, indexPeak };
};
scanOnce(); // warms the page cache and the code cache
const scanWalls = [];
const indexRuns = [];
for (let i = 0; i < runs; i++) {
  scanWalls.push(scanOnce());
  indexRuns.push(await indexOnce());
}
// Warm: both read the same fact cache, which a first scan fills (a rebuild after a save, a re-run).
const warm = ['--cache-location', cacheDir];
scanOnce(warm);
const warmScanWalls = [];
const warmIndexWalls = [];
for (let i = 0; i < runs; i++) {
  warmScanWalls.push(scanOnce(warm));
  warmIndexWalls.push((await indexOnce(warm)).wall);
}

// ---- latency while the index builds -------------------------------------------------------------
const during = {};
for (const pull of [true, false]) {
  const s = await startServer({ pull, folders: [corpus, work] });
  // Keep the corpus index building: each time a build ends, a manifest "changes" and it starts again.
  const again = setInterval(() => {
    if (!s.building() && s.progress.length > 0)
      void s.c.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(join(corpus, 'java', 'pom.xml')).href, type: 2 }],
      });
  }, 50);
  await new Promise((r) => {
    const t = setInterval(() => {
      if (s.building()) {
        clearInterval(t);
        r();
      }
    }, 5);
  });
  during[pull ? 'pull' : 'push'] = await measure(s, {
    pull,
    count: edits,
    spacingMs: pull ? 25 : 250,
    keep: () => s.building(),
  });
  during[`${pull ? 'pull' : 'push'}Builds`] = s.progress.filter((p) => p.kind === 'begin').length;
  clearInterval(again);
  await s.stop();
}
rmSync(work, { recursive: true, force: true });

// ---- report -------------------------------------------------------------------------------------
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`\nlsp benchmark: load average ${load}`);
console.log(
  `diagnostics after a one-character edit, ${lines}-line Java file with a legacy client (${edits} edits each):`,
);
console.log('mode                       p50        p95   server CPU/edit   target p95 <= 30 ms');
for (const mode of ['pull', 'push'])
  console.log(
    `${`${mode}, idle`.padEnd(22)} ${ms(pct(idle[mode], 50)).padStart(10)} ${ms(pct(idle[mode], 95)).padStart(10)} ${ms(idle[mode].cpuMsPerEdit).padStart(14)}     ${pct(idle[mode], 95) <= 30 ? 'met' : 'MISSED'}`,
  );
console.log('\nwhile the 200 MB index builds (target p95 <= 3x idle p95):');
for (const mode of ['pull', 'push']) {
  const ratio = pct(during[mode], 95) / pct(idle[mode], 95);
  console.log(
    `${`${mode}, indexing`.padEnd(22)} ${ms(pct(during[mode], 50)).padStart(10)} ${ms(pct(during[mode], 95)).padStart(10)}     ${ratio.toFixed(2)}x idle p95 (${during[`${mode}Builds`]} builds) ${ratio <= 3 ? 'met' : 'MISSED'}`,
  );
}
const scanWall = median(scanWalls);
const indexWall = median(indexRuns.map((r) => r.wall));
const peak = Math.max(...indexRuns.map((r) => r.peak));
const after = Math.max(...indexRuns.map((r) => r.rss));
const indexPeak = Math.max(...indexRuns.map((r) => r.indexPeak));
console.log(`\nworkspace index of ${files} files, ${(bytes / 1048576).toFixed(1)} MB (median of ${runs}):`);
console.log(`kms-codemod scan           ${scanWall.toFixed(2)} s`);
console.log(
  `kms-codemod lsp index      ${indexWall.toFixed(2)} s   ${(indexWall / scanWall).toFixed(2)}x scan (target <= 1.2x) ${indexWall / scanWall <= 1.2 ? 'met' : 'MISSED'}`,
);
const warmScan = median(warmScanWalls);
const warmIndex = median(warmIndexWalls);
console.log(
  `warm (fact cache): scan ${warmScan.toFixed(2)} s, lsp index ${warmIndex.toFixed(2)} s   ${(warmIndex / warmScan).toFixed(2)}x scan`,
);
console.log(
  `server RSS once indexed    peak ${peak.toFixed(0)} MB, now ${after.toFixed(0)} MB (target peak < 400 MB) ${peak < 400 ? 'met' : 'MISSED'}`,
);
console.log(
  `index process (child)      peak ${indexPeak.toFixed(0)} MB while it scanned (gone once the build ends); with the server: ${(peak + indexPeak).toFixed(0)} MB at most`,
);
