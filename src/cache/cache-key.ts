import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../rules/index.js';
import { dependencyVersion, toolVersion } from './versions.js';

/** Bumped when the layout of a cache file or of its entries changes. */
export const CACHE_SCHEMA = 3;

/**
 * The folders of our own code that decide a file's facts (and whether it is read at all). Their stamp
 * is part of the key, so a rebuilt or edited extractor never reads facts an older one wrote under the
 * same version number: built, the stamp of one emitted file (tsc rewrites them all on every build);
 * from the sources (tests, tsx), the size and time of every file of these folders.
 */
const EXTRACTION_CODE = ['languages', 'scan', 'workspace', 'model', 'suppressions', 'cache'];

function codeStamp(): string {
  const self = fileURLToPath(import.meta.url);
  // Built code: every build rewrites every file, so this one file's stamp is the build's.
  if (self.endsWith('.js')) {
    const st = statSync(self);
    return `${st.size}:${st.mtimeMs}`;
  }
  const src = join(dirname(self), '..');
  const hash = createHash('sha256');
  for (const dir of EXTRACTION_CODE) {
    let names: string[];
    try {
      names = (readdirSync(join(src, dir), { recursive: true }) as string[]).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const st = statSync(join(src, dir, name));
        if (st.isFile()) hash.update(`${dir}/${name}:${st.size}:${st.mtimeMs}\n`);
      } catch {
        // gone since the listing
      }
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** What a cached entry depends on besides the file's own bytes, part by part (so a miss can say which changed). */
export type KeyParts = Record<string, string>;

/**
 * Everything besides a file's content that decides its facts: the tool and cache-schema versions, our
 * extraction code, the Node ABI (tree-sitter is native), the grammar and TypeScript compiler versions,
 * the rule set, and the extraction settings (size limit, encoding, ...). Rule severities are not in it:
 * rules run on the facts after the cache, as do the cross-file joins.
 */
export function keyParts(extraction: Record<string, unknown>): KeyParts {
  const tsMorph = (() => {
    try {
      return createRequire(import.meta.url).resolve('ts-morph');
    } catch {
      return import.meta.url;
    }
  })();
  return {
    tool: toolVersion(),
    schema: String(CACHE_SCHEMA),
    code: codeStamp(),
    node: `${process.versions.node.split('.')[0]}/abi${process.versions.modules}`,
    grammars: ['tree-sitter', 'tree-sitter-java', 'tree-sitter-python', 'tree-sitter-go']
      .map((n) => `${n}@${dependencyVersion(n)}`)
      .join(','),
    typescript: `ts-morph@${dependencyVersion('ts-morph')},@ts-morph/common@${dependencyVersion('@ts-morph/common', tsMorph)}`,
    rules: RULES.map((r) => r.meta.id).join(','),
    extraction: JSON.stringify(extraction, Object.keys(extraction).sort()),
  };
}

export function keyOf(parts: KeyParts): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(parts).sort()) hash.update(`${name}=${parts[name]}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** Which parts differ between an old key and a new one, for the summary ("grammars changed"). */
export function changedParts(before: KeyParts | undefined, now: KeyParts): string[] {
  if (!before) return Object.keys(now);
  return Object.keys(now).filter((k) => before[k] !== now[k]);
}
