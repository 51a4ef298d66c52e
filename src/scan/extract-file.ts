import { hasParser, languageLoadError, loadLanguage } from '../languages/index.js';
import { type ExtractOutcome, type FileFacts, generatedMarker, type Language } from '../model/index.js';
import { parseSuppressions } from '../suppressions/index.js';
import { codeDigests } from './code-digests.js';
import { hasSniffer, sniff } from './text-sniff.js';

/** One file's facts through its language module (or the text sniffer), with their code digests; never throws. */
export async function extractFile(file: string, text: string, language: Language): Promise<ExtractOutcome> {
  const found = (facts: FileFacts): ExtractOutcome => {
    const suppressions = parseSuppressions(text, language);
    if (suppressions.length > 0) facts.suppressions = suppressions;
    return { ok: true, facts, digests: codeDigests(facts, text) };
  };
  try {
    if (hasSniffer(language)) return found(markGenerated(sniff(file, text, language), text));
    if (!hasParser(language))
      return { ok: false, reason: 'no-parser', detail: `no analyser for ${language} files` };
    const mod = await loadLanguage(language);
    if (!mod) {
      // The language is one we analyse, but its parser did not load here: the file was not seen.
      return {
        ok: false,
        reason: 'extract-failed',
        detail: languageLoadError(language) ?? `no analyser for ${language} files`,
      };
    }
    return found(markGenerated(mod.extract(file, text), text));
  } catch (err) {
    // A crash in one extractor on one input is reported and the scan goes on.
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (err instanceof RangeError && /call stack/i.test(message)) {
      return {
        ok: false,
        reason: 'extract-failed',
        detail: 'nested too deeply for the parser (it ran out of stack); simplify the file or exclude it',
      };
    }
    return {
      ok: false,
      reason: 'extract-failed',
      detail: `the ${language} analyser failed: ${message.slice(0, 200)}; please report it`,
    };
  }
}

/** A generated file is reported, never rewritten: its facts say so (only files that use KMS are looked at). */
function markGenerated(facts: FileFacts, text: string): FileFacts {
  if (facts.clients.length === 0 && facts.calls.length === 0 && !facts.clientTypes) return facts;
  const marker = generatedMarker(text);
  if (marker) facts.generated = marker;
  return facts;
}
