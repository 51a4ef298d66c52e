// The least any scan built on the mandated engines must do, run as scan runs it: start Node, walk,
// read and prefilter every file (the project's own walk and reader), then parse each candidate once:
// Java, Python and Go with tree-sitter in one worker thread, TS/JS with the TypeScript compiler on the
// main thread once reading is done. No extraction, no rules, no report. scan.bench.mjs times it next
// to `scan` and grep, so "scan ≤ 3× grep" can be read against what parsing alone already costs.
// Needs `npm run build`. Usage: node bench/parse-floor.mjs DIR (prints the candidate count)
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const dist = new URL('../dist/src/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

if (isMainThread) {
  const [{ walk }, { readAll }] = await Promise.all([
    load('workspace/walk.js'),
    load('scan/process-files.js'),
  ]);
  const worker = new Worker(new URL(import.meta.url));
  const scripts = [];
  let sent = 0;
  const { sources } = walk({ root: process.argv[2] });
  const read = readAll(sources, undefined, {
    onCandidate: (task) => {
      if (task.language === 'typescript' || task.language === 'javascript') scripts.push(task);
      else {
        worker.postMessage(task);
        sent++;
      }
    },
    onCached: () => {},
  });
  const parsed = new Promise((resolve) => {
    let done = 0;
    worker.on('message', () => {
      if (++done === sent) resolve();
    });
    if (sent === 0) resolve();
  });
  const { parseSource } = await load('languages/typescript/parser.js');
  for (const task of scripts) parseSource(task.file, task.text);
  await parsed;
  await worker.terminate();
  console.log(`${read.candidates} candidates parsed`);
} else {
  const [{ javaGrammar }, { pythonGrammar }, { goGrammar }] = await Promise.all([
    load('languages/java/parser.js'),
    load('languages/python/parser.js'),
    load('languages/go/parser.js'),
  ]);
  const grammars = { java: javaGrammar, python: pythonGrammar, go: goGrammar };
  parentPort.on('message', (task) => {
    grammars[task.language]?.().parse(task.text);
    parentPort.postMessage(0);
  });
}
