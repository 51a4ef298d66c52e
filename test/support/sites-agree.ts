import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FileFacts } from '../../src/model/index.js';

const ROOT = join(import.meta.dirname, '../..');

/** Every file under `dir` whose name ends with `ext`. */
export function sourcesUnder(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sourcesUnder(p, ext, out);
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Truncated, a parenthesis removed, brackets appended: the broken inputs an editor sends mid-edit. */
export const brokenVariants = (text: string): string[] => [
  text,
  text.slice(0, Math.floor(text.length / 2)),
  text.replace(/\)/, ''),
  `${text}\n{{[(`,
];

/**
 * An extractor that reads either from the nodes its text points at or by walks gives equal facts both
 * ways on every fixture and test source of its language, whole and in each variant; returns how many
 * inputs had clients or calls, so the caller can check the comparison was not vacuous.
 */
export function expectSitesAgree(
  ext: string,
  extract: (file: string, text: string, sites: 'text' | 'walk') => FileFacts,
  variants: (text: string) => string[] = brokenVariants,
): { files: number; withFacts: number } {
  const files = [...sourcesUnder(join(ROOT, 'fixtures'), ext), ...sourcesUnder(join(ROOT, 'test'), ext)];
  let withFacts = 0;
  for (const file of files) {
    for (const input of variants(readFileSync(file, 'utf8'))) {
      const byText = extract(file, input, 'text');
      expect(extract(file, input, 'walk'), `${file} (${input.length} chars)`).toEqual(byText);
      if (byText.clients.length + byText.calls.length > 0) withFacts++;
    }
  }
  return { files: files.length, withFacts };
}
