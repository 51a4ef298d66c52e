import { createRequire } from 'node:module';
import type { ts as TsApi } from 'ts-morph';
import { defaultCacheDir } from '../../toolchains/cache-dir.js';
import { type CodeCacheState, requireWithCodeCache } from './code-cache.js';

/**
 * The TypeScript compiler that ts-morph 27 exports as `ts` (its bundled 5.9), loaded without the rest
 * of ts-morph: the scan needs only `createSourceFile`, and skipping ts-morph's own 3.5 MB of wrapper
 * code saves a large share of the start-up time of every scan and worker. Its compiled code is cached
 * on disk next to the toolchains (`KMS_CODEMOD_NO_CODE_CACHE=1` turns that off).
 */
const bundle = createRequire(createRequire(import.meta.url).resolve('ts-morph')).resolve(
  '@ts-morph/common/dist/typescript.js',
);
const loaded = requireWithCodeCache(
  bundle,
  process.env.KMS_CODEMOD_NO_CODE_CACHE === '1' ? undefined : defaultCacheDir(),
);

export const tsc = loaded.exports as typeof TsApi;
/** How the compiler was loaded, for the tests. */
export const compilerCodeCache: CodeCacheState = loaded.cache;
