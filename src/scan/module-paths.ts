import { posix } from 'node:path';
import type { FileFacts } from '../model/index.js';

/** How an ESM/CommonJS specifier maps to a file: as written, with an extension, as a folder index, `.js` → `.ts`. */
function candidatePaths(importer: string, specifier: string): string[] {
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const out = [base];
  // NodeNext code imports `./kms.js` for the source file `kms.ts` (likewise .mjs/.cjs/.jsx).
  const js = /\.[mc]?jsx?$/.exec(base);
  if (js) out.push(base.slice(0, -js[0].length) + js[0].replace('js', 'ts'));
  for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']) out.push(base + ext);
  for (const ext of ['.ts', '.tsx', '.js']) out.push(`${base}/index${ext}`);
  return out;
}

/**
 * The file of the application a relative specifier of `importer` names; '' names the importer itself
 * (a function declared in the same file).
 */
export function moduleFile(
  byPath: ReadonlyMap<string, FileFacts>,
  importer: FileFacts,
  specifier: string,
): FileFacts | undefined {
  if (specifier === '') return importer;
  for (const path of candidatePaths(importer.file, specifier)) {
    const target = byPath.get(path);
    if (target) return target;
  }
  return undefined;
}
