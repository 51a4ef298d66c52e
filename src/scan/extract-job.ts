import { loadLanguage, usesTypeScriptCompiler } from '../languages/index.js';
import type { ExtractOutcome, Language } from '../model/index.js';
import { extractFile } from './extract-file.js';
import type { ExtractTask } from './process-files.js';

/** The scan's pipeline job (src/workspace/task-pipeline.ts): one file's facts. */
export const EXTRACT_JOB = import.meta.url;

export async function run(p: ExtractTask): Promise<ExtractOutcome> {
  const outcome = await extractFile(p.file, p.text, p.language);
  if (outcome.ok && p.encoding) outcome.facts.encoding = p.encoding;
  return outcome;
}

/**
 * Loads the languages and runs each once on an empty file, so grammars and queries are ready. The
 * TypeScript compiler loads last: it takes longest.
 */
export async function warm(languages: Language[]): Promise<void> {
  const order = [...languages].sort(
    (a, b) => Number(usesTypeScriptCompiler(a)) - Number(usesTypeScriptCompiler(b)),
  );
  for (const language of order) {
    const mod = await loadLanguage(language);
    mod?.extract(`warm-up.${language}`, '');
  }
}
