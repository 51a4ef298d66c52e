/**
 * jscodeshift transform: `npx jscodeshift -t node_modules/kms-codemod/transforms/kms-transfer.ts src/`.
 * It wraps the TS/JS rewriter of `kms-codemod migrate` (offset splices, never a re-print), so the output
 * is the same as `kms-codemod migrate --write` gives for TS/JS files. Options: --endpoint,
 * --client-key-file, --ca-file (literal values instead of environment lookups).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { API, FileInfo, Options } from 'jscodeshift';

type TextMigration = import('../src/migrate/migrate-text.js').TextMigration;
type MigrateTextOptions = import('../src/migrate/migrate-text.js').MigrateTextOptions;

declare const __filename: string;

interface Pending {
  resolve: (r: TextMigration) => void;
  reject: (e: Error) => void;
}

// jscodeshift compiles transforms with babel and hooks `require` for every later module, which cannot
// compile the libraries the rewriter uses; the built rewriter runs in a worker thread with Node's own loader.
let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = undefined;
}

function rewriteInWorker(file: string, text: string, options: MigrateTextOptions): Promise<TextMigration> {
  if (!worker) {
    const entry = new URL('../dist/src/migrate/rewrite-worker.js', pathToFileURL(__filename));
    const w = new Worker(entry);
    w.on('message', (msg: { id: number; result?: TextMigration; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (pending.size === 0) w.unref();
      if (!p) return;
      if (msg.error !== undefined) p.reject(new Error(`${file}: ${msg.error}`));
      else p.resolve(msg.result as TextMigration);
    });
    w.on('error', (err) =>
      failAll(
        new Error(
          `kms-transfer transform: the rewriter at ${entry.pathname} failed (${err.message}); run \`npm run build\` in kms-codemod`,
        ),
      ),
    );
    w.on('exit', () => failAll(new Error('kms-transfer transform: the rewriter worker exited')));
    worker = w;
  }
  const id = nextId++;
  worker.ref();
  const w = worker;
  return new Promise<TextMigration>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, file, text, options });
  });
}

function stringOption(options: Options, ...names: string[]): string | undefined {
  for (const n of names) if (typeof options[n] === 'string' && options[n] !== '') return options[n] as string;
  return undefined;
}

export const parser = 'tsx';

export default async function transform(
  file: FileInfo,
  api: API,
  options: Options,
): Promise<string | undefined> {
  const result = await rewriteInWorker(file.path, file.source, {
    endpoint: stringOption(options, 'endpoint'),
    clientKeyFile: stringOption(options, 'client-key-file', 'clientKeyFile'),
    caFile: stringOption(options, 'ca-file', 'caFile'),
  });
  for (const f of result.findings) api.report(`${f.file}:${f.range.start.line}: [${f.ruleId}] ${f.message}`);
  // undefined tells jscodeshift the file is unchanged.
  return result.edits.length > 0 ? result.after : undefined;
}
