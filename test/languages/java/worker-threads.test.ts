import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { extract as extractGo } from '../../../src/languages/go/extract.js';
import { extract as extractJava } from '../../../src/languages/java/extract.js';
import { extract as extractPython } from '../../../src/languages/python/extract.js';

/**
 * The scan engine runs extraction in worker_threads. Workers cannot load our TypeScript sources, so
 * this test transpiles the extractor folders (plus the model) into a temp dir next to the real
 * node_modules and runs all three languages in two workers at once.
 */
const ROOT = join(import.meta.dirname, '../../..');
const FOLDERS = [
  'src/model',
  'src/languages/tree-sitter',
  'src/languages/java',
  'src/languages/python',
  'src/languages/go',
];
const out = mkdtempSync(join(tmpdir(), 'kms-extract-worker-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function build(): void {
  for (const folder of FOLDERS) {
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const src = join(dir, name.name);
        const dest = join(out, relative(ROOT, src));
        if (name.isDirectory()) walk(src);
        else if (name.name.endsWith('.scm')) {
          mkdirSync(dirname(dest), { recursive: true });
          cpSync(src, dest);
        } else if (name.name.endsWith('.ts') && !name.name.endsWith('.d.ts')) {
          const js = ts.transpileModule(readFileSync(src, 'utf8'), {
            compilerOptions: {
              module: ts.ModuleKind.ES2022,
              target: ts.ScriptTarget.ES2022,
              esModuleInterop: true,
            },
            fileName: src,
          }).outputText;
          mkdirSync(dirname(dest), { recursive: true });
          writeFileSync(dest.replace(/\.ts$/, '.js'), js);
        }
      }
    };
    walk(join(ROOT, folder));
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
}

const SAMPLES = {
  java: `import com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.kms.model.v20160120.*;\nclass A { Object c = new DefaultAcsClient("cn-hangzhou"); Object r = new ReEncryptRequest(); }\n`,
  python: `from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\nc = AcsClient('LTAIworkerId00', 'workerSecret', 'cn-hangzhou')\nc.do_action_with_exception(EncryptRequest())\n`,
  go: `package main\nimport k "github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\nfunc f() { c, _ := k.NewClientWithAccessKey("r", "a", "b"); c.ReEncryptWithChan(k.CreateReEncryptRequest()) }\n`,
};

const WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
const out = {};
for (const [lang, text] of Object.entries(workerData.samples)) {
  const { extract } = await import(workerData.base + '/src/languages/' + lang + '/extract.js');
  out[lang] = extract('sample.' + lang, text);
}
parentPort.postMessage(out);
`;

function runWorker(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER)}`), {
      workerData: { base: `file://${out}`, samples: SAMPLES },
    });
    w.once('message', (m) => {
      resolve(m as Record<string, unknown>);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('extractors inside worker_threads', () => {
  it('load the native grammars in two workers at once and give the same facts as the main thread', async () => {
    build();
    const [a, b] = await Promise.all([runWorker(), runWorker()]);
    const main = {
      java: extractJava('sample.java', SAMPLES.java),
      python: extractPython('sample.python', SAMPLES.python),
      go: extractGo('sample.go', SAMPLES.go),
    };
    expect(a).toEqual(JSON.parse(JSON.stringify(main)));
    expect(b).toEqual(a);
    expect(main.java.clients).toHaveLength(1);
    expect(main.python.credentials).toHaveLength(2);
    expect(main.go.calls).toMatchObject([{ action: 'ReEncrypt', form: 'client-method-chan' }]);
  });
});
