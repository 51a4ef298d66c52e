import type { Language } from '../model/index.js';
import { SUPPRESSION_MARKER } from '../suppressions/directives.js';
import { SDK_LITERALS, SDK_PATTERNS } from './sdk-literals.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regex per table, never merged: V8 searches an alternation of plain literals far faster than
 * one with a pattern in it (merging the `.request(` pattern in made the TS prefilter ~30× slower).
 */
const PATTERNS = new Map<Language, RegExp[]>(
  (Object.keys(SDK_LITERALS) as Language[])
    .filter((l) => SDK_LITERALS[l].length > 0)
    .map((l) => {
      const extra = SDK_PATTERNS[l];
      // A file with a suppression comment is read too, so an unused one is reported wherever it is.
      const literals = new RegExp([...SDK_LITERALS[l], SUPPRESSION_MARKER].map(escapeRegExp).join('|'));
      return [l, extra ? [literals, new RegExp(extra)] : [literals]];
    }),
);

/**
 * Whether a file may use an SDK: regexes over the raw bytes read as latin1 (every literal is ASCII,
 * so a UTF-8 file matches exactly when its text does, at several hundred MB/s).
 */
export function mayUseSdk(language: Language, bytes: Buffer): boolean {
  return PATTERNS.has(language) && mayUseSdkText(language, bytes.toString('latin1'));
}

export function mayUseSdkText(language: Language, text: string): boolean {
  return PATTERNS.get(language)?.some((re) => re.test(text)) ?? false;
}
