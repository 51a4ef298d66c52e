import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** What happened to the V8 code cache of a module loaded through `requireWithCodeCache`. */
export type CodeCacheState = 'used' | 'created' | 'rejected' | 'off';

/**
 * Loads a large CommonJS bundle (the TypeScript compiler, 9 MB) the way `require` does, but with V8's
 * code cache kept on disk: compiling it costs ~0.2 s in every process and worker that parses TS/JS,
 * reading its cached bytecode ~0.05 s. This is what Node 22's `module.enableCompileCache()` does; Node
 * 20 has no such switch. V8 checks the cache against its own version and flags and rejects a broken
 * one; the module then compiles as usual and the cache is written again.
 * Without a writable cache directory it is a plain `require`.
 */
export function requireWithCodeCache(
  file: string,
  cacheDir: string | undefined,
): { exports: unknown; cache: CodeCacheState } {
  const plain = () => ({ exports: createRequire(file)(file), cache: 'off' as const });
  if (!cacheDir) return plain();
  let source: string;
  let cacheFile: string;
  try {
    const st = statSync(file);
    source = readFileSync(file, 'utf8');
    // V8 checks a cache against the source's length only, so the key pins this very file: its path,
    // size and mtime (npm installs give every file the same mtime, hence the path).
    const where = createHash('sha256').update(file).digest('hex').slice(0, 16);
    const key = `${basename(file)}-${where}-${st.size}-${Math.round(st.mtimeMs)}-${process.versions.v8}-${process.arch}.bin`;
    cacheFile = join(cacheDir, 'v8', key);
  } catch {
    return plain();
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script: Script;
  try {
    script = new Script(Module.wrap(source), { filename: file, cachedData });
  } catch {
    return plain();
  }
  const cache: CodeCacheState = !cachedData ? 'created' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  // Written at exit, so the cache also holds the functions this run compiled lazily (the parser's
  // hot paths), not just the top level; only the main thread writes, once.
  if (cache !== 'used' && isMainThread) process.once('exit', () => writeCache(cacheFile, script));
  return { exports: module.exports, cache };
}

function writeCache(cacheFile: string, script: Script): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, script.createCachedData());
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, cacheFile);
    prune(dirname(cacheFile));
  } catch {
    // A cache that cannot be written only costs the next run its compile time.
  }
}

/** Each install path gets its own cache file (~2.5 MB); only the most recently written few are kept. */
const KEEP = 6;

function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of files.slice(KEEP)) unlinkSync(old.path);
}
