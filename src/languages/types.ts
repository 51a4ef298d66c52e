import type { FileFacts, ParseProblem } from '../model/index.js';

/** What every language module exports (ARCHITECTURE.md: a language is one folder). */
export interface LanguageModule {
  extract(file: string, text: string): FileFacts;
  syntaxErrors(text: string): ParseProblem[];
}
