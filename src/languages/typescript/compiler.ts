import { createRequire } from 'node:module';
import type { ts as TsApi } from 'ts-morph';

/**
 * The TypeScript compiler that ts-morph 27 exports as `ts` (its bundled 5.9), loaded without the rest
 * of ts-morph: the scan needs only `createSourceFile`, and skipping ts-morph's own 3.5 MB of wrapper
 * code saves a large share of the start-up time of every scan and worker.
 */
const fromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
export const tsc = fromTsMorph('@ts-morph/common/dist/typescript.js') as typeof TsApi;
