import type { Language, PrefilterTable } from '../model/index.js';
import { SUPPRESSION_MARKER } from '../suppressions/directives.js';
import { PREFILTERS } from './sdk-literals.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function anyOf(literals: readonly string[]): RegExp | undefined {
  return literals.length ? new RegExp(literals.map(escapeRegExp).join('|')) : undefined;
}

interface Compiled {
  direct: RegExp[];
  core?: RegExp;
  relevant: RegExp[];
}

/**
 * One regex per list, never merged: V8 searches an alternation of plain literals far faster than
 * one with a pattern in it (merging the `.request(` pattern in made the TS prefilter ~30× slower).
 */
function compile(table: PrefilterTable): Compiled | undefined {
  // A file with a suppression comment is read too, so an unused one is reported wherever it is.
  const direct = anyOf(table.direct.length ? [...table.direct, SUPPRESSION_MARKER] : []);
  if (!direct) return undefined;
  const relevant = [anyOf(table.relevant ?? []), ...(table.relevantPatterns ?? [])];
  return {
    direct: [direct, ...(table.directPatterns ?? [])],
    core: anyOf(table.core ?? []),
    relevant: relevant.filter((r): r is RegExp => r !== undefined),
  };
}

const COMPILED = new Map<Language, Compiled>(
  (Object.keys(PREFILTERS) as Language[]).flatMap((l) => {
    const c = compile(PREFILTERS[l]);
    return c ? [[l, c] as const] : [];
  }),
);

/**
 * Whether a file may use an SDK: regexes over the raw bytes read as latin1 (every literal is ASCII,
 * so a UTF-8 file matches exactly when its text does, at several hundred MB/s).
 */
export function mayUseSdk(language: Language, bytes: Buffer): boolean {
  return COMPILED.has(language) && mayUseSdkText(language, bytes.toString('latin1'));
}

/**
 * A KMS package or client names itself; the SDK's core, shared by every product, counts only next to
 * something the language module can turn into a fact (see PrefilterTable).
 */
export function mayUseSdkText(language: Language, text: string): boolean {
  const c = COMPILED.get(language);
  if (!c) return false;
  if (c.direct.some((re) => re.test(text))) return true;
  return (c.core?.test(text) ?? false) && c.relevant.some((re) => re.test(text));
}
