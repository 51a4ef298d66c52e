import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultCacheDir } from './cache-dir.js';
import { ensureGo } from './go.js';
import { ensureJava } from './java.js';
import { ensureNode } from './node.js';
import { ensurePython } from './python.js';
import type { EnsureOptions, ReadyToolchain, Toolchain, ToolLang } from './types.js';

export { defaultCacheDir } from './cache-dir.js';
export { inCI } from './ci.js';
export { GO_DIRECTIVE } from './go.js';
export * from './sdk-versions.js';
export * from './types.js';

/**
 * Makes one language's official SDKs ready in the cache and says how to use them. A missing runtime
 * (no JDK, no Go) is an `ok: false` result naming what to install, never an exception; a second call
 * with a warm cache only reads a stamp file.
 */
export async function ensureToolchain(lang: ToolLang, opts: EnsureOptions = {}): Promise<Toolchain> {
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  try {
    mkdirSync(cacheDir, { recursive: true });
    switch (lang) {
      case 'python':
        return await ensurePython(cacheDir, opts);
      case 'java':
        return await ensureJava(cacheDir, opts);
      case 'go':
        return await ensureGo(cacheDir, opts);
      case 'node':
        return await ensureNode(cacheDir, opts);
      default:
        return {
          lang,
          ok: false,
          reason: `unknown toolchain '${String(lang)}': use python, java, go or node`,
        };
    }
  } catch (err) {
    return {
      lang,
      ok: false,
      installFailed: true,
      reason: `setting up ${lang} in ${cacheDir} failed: ${(err as Error).message}`,
    };
  }
}

/** Narrowing helper: the toolchain when ready, otherwise undefined. */
export function readyOrUndefined<L extends ToolLang>(tc: Toolchain, lang: L): ReadyToolchain<L> | undefined {
  return tc.ok && tc.lang === lang ? (tc as ReadyToolchain<L>) : undefined;
}
