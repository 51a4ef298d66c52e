import { parseSource } from '../languages/typescript/parser.js';
import type { Language } from '../model/language.js';
import { countSyntaxErrors, parseTree } from './parse.js';

/** How many syntax errors the language's parser reports: a rewrite must not add any. */
export function syntaxErrorCount(language: Language, file: string, text: string): number {
  switch (language) {
    case 'java':
    case 'python':
    case 'go':
      return countSyntaxErrors(parseTree(language, text).rootNode);
    case 'typescript':
    case 'javascript': {
      const sf = parseSource(file, text) as unknown as { parseDiagnostics?: unknown[] };
      return sf.parseDiagnostics?.length ?? 0;
    }
    default:
      return 0;
  }
}
