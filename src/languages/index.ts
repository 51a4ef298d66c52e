import type { Language } from '../model/index.js';
import type { LanguageModule } from './types.js';

export type { LanguageModule } from './types.js';

/**
 * The language registry: language → module folder. Modules load lazily, so a scan that never meets a
 * Go file never loads the Go grammar, and a folder that is not there yet (work in flight) only makes
 * that language unavailable instead of breaking every scan.
 */
const FOLDER: Partial<Record<Language, string>> = {
  java: 'java',
  python: 'python',
  go: 'go',
  typescript: 'typescript',
  javascript: 'typescript',
};

const loaded = new Map<string, Promise<LanguageModule | undefined>>();
const failures = new Map<string, string>();

async function importFolder(folder: string): Promise<LanguageModule | undefined> {
  // Specifiers built at run time so the compiler does not require the other teams' folders to exist.
  const base = new URL(`./${folder}/`, import.meta.url);
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  try {
    const extractMod = (await import(new URL(`extract${ext}`, base).href)) as Partial<LanguageModule>;
    let syntaxErrors = extractMod.syntaxErrors;
    if (!syntaxErrors) {
      const parserMod = (await import(new URL(`parser${ext}`, base).href)) as Partial<LanguageModule>;
      syntaxErrors = parserMod.syntaxErrors;
    }
    if (typeof extractMod.extract !== 'function' || typeof syntaxErrors !== 'function') {
      failures.set(folder, `src/languages/${folder} does not export extract() and syntaxErrors()`);
      return undefined;
    }
    return { extract: extractMod.extract, syntaxErrors };
  } catch (err) {
    failures.set(folder, `src/languages/${folder} could not be loaded: ${(err as Error).message}`);
    return undefined;
  }
}

/** The module for a language, or undefined when none is available (see languageLoadError). */
export function loadLanguage(language: Language): Promise<LanguageModule | undefined> {
  const folder = FOLDER[language];
  if (!folder) return Promise.resolve(undefined);
  let p = loaded.get(folder);
  if (!p) {
    p = importFolder(folder);
    loaded.set(folder, p);
  }
  return p;
}

/** Whether this thread has already loaded (or started loading) the language's module. */
export function languageIsLoaded(language: Language): boolean {
  const folder = FOLDER[language];
  return folder !== undefined && loaded.has(folder);
}

/** Why a language's module is unavailable, for the scan summary. */
export function languageLoadError(language: Language): string | undefined {
  const folder = FOLDER[language];
  return folder ? failures.get(folder) : undefined;
}

/** Languages that have a parser-backed module (others are detected by text only). */
export function hasParser(language: Language): boolean {
  return FOLDER[language] !== undefined;
}

/** TS and JS are both read by the TypeScript compiler, which costs ~0.3 s to load in each thread. */
export function usesTypeScriptCompiler(language: Language): boolean {
  return FOLDER[language] === 'typescript';
}
