import type { Language, PrefilterTable } from '../model/index.js';
import { SUPPRESSION_MARKER } from '../suppressions/directives.js';
import { anchorsFor } from './prefilter-anchors.js';
import { PREFILTERS } from './sdk-literals.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function anyOf(literals: readonly string[]): RegExp | undefined {
  return literals.length ? new RegExp(literals.map(escapeRegExp).join('|')) : undefined;
}

interface Compiled {
  /** Substrings every candidate holds one of, searched in the raw bytes before anything else. */
  anchors: Buffer[];
  direct: RegExp[];
  core?: RegExp;
  relevant: RegExp[];
}

/**
 * One regex per list, never merged: V8 searches an alternation of plain literals far faster than
 * one with a pattern in it (merging the `.request(` pattern in made the TS prefilter ~30× slower).
 */
function compile(table: PrefilterTable): Compiled | undefined {
  if (table.direct.length === 0) return undefined;
  // A file with a suppression comment is read too, so an unused one is reported wherever it is.
  const literals = [...table.direct, SUPPRESSION_MARKER];
  const patterns = table.directPatterns ?? [];
  const relevant = [anyOf(table.relevant ?? []), ...(table.relevantPatterns ?? [])];
  return {
    anchors: anchorsFor([...literals, ...(table.core ?? []), ...patterns.map((p) => p.literal)]).map((a) =>
      Buffer.from(a, 'latin1'),
    ),
    direct: [anyOf(literals) as RegExp, ...patterns.map((p) => p.pattern)],
    core: anyOf(table.core ?? []),
    relevant: relevant.filter((r): r is RegExp => r !== undefined),
  };
}

/** Compiled on first use: a warm scan served by the fact cache never prefilters at all. */
const COMPILED = new Map<Language, Compiled | undefined>();

function compiled(language: Language): Compiled | undefined {
  if (!COMPILED.has(language)) COMPILED.set(language, compile(PREFILTERS[language]));
  return COMPILED.get(language);
}

/**
 * Whether a file may use an SDK, from its raw bytes: first a search for the language's few anchors
 * (memory search, about as fast as reading), then, for the rare file that holds one, the regexes over
 * the bytes read as latin1 (every literal is ASCII, so a UTF-8 file matches exactly when its text does).
 */
export function mayUseSdk(language: Language, bytes: Buffer): boolean {
  const c = compiled(language);
  if (!c?.anchors.some((a) => bytes.indexOf(a) >= 0)) return false;
  return matches(c, bytes.toString('latin1'));
}

/**
 * A KMS package or client names itself; the SDK's core, shared by every product, counts only next to
 * something the language module can turn into a fact (see PrefilterTable).
 */
export function mayUseSdkText(language: Language, text: string): boolean {
  const c = compiled(language);
  return c !== undefined && matches(c, text);
}

function matches(c: Compiled, text: string): boolean {
  if (c.direct.some((re) => re.test(text))) return true;
  return (c.core?.test(text) ?? false) && c.relevant.some((re) => re.test(text));
}
