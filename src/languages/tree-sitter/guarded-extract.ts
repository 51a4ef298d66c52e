import { emptyFacts, type FileFacts } from '../../model/facts.js';
import type { Language } from '../../model/language.js';

/**
 * Extraction never throws: bad input (truncated, binary, absurdly nested) becomes a parseErrors
 * entry on otherwise empty facts, so one file can never stop a scan.
 */
export function guardedExtract(file: string, language: Language, run: () => FileFacts): FileFacts {
  try {
    return run();
  } catch (err) {
    const facts = emptyFacts(file, language);
    const reason = err instanceof Error ? err.message : String(err);
    facts.parseErrors.push({
      message: `${file}: could not analyse this file (${reason.slice(0, 200)}); check that it is valid ${language} source, or exclude it with --ignore`,
    });
    return facts;
  }
}

/** Document order for every list, whatever order the query and the passes produced them in. */
export function sortFacts(facts: FileFacts): FileFacts {
  const byStart = (a: { range: { startOffset: number } }, b: { range: { startOffset: number } }) =>
    a.range.startOffset - b.range.startOffset;
  facts.clients.sort(byStart);
  facts.calls.sort(byStart);
  facts.credentials.sort(byStart);
  facts.keyRefs.sort(byStart);
  return facts;
}
