import { countSyntaxErrors, parseEdited, parseTree } from '../languages/rewrite-kit/parse.js';
import { syntaxErrorCount as tsSyntaxErrorCount } from '../languages/typescript/parser.js';
import type { TextEdit } from '../model/edit.js';
import type { Language } from '../model/language.js';

/**
 * How many syntax errors the language's parser reports: a rewrite must not add any. With `from` (the
 * text `text` was made from by `edits`), tree-sitter languages re-parse incrementally.
 */
export function syntaxErrorCount(
  language: Language,
  file: string,
  text: string,
  from?: { text: string; edits: readonly TextEdit[] },
): number {
  switch (language) {
    case 'java':
    case 'python':
    case 'go':
      return countSyntaxErrors(
        (from ? parseEdited(language, from.text, from.edits, text) : parseTree(language, text)).rootNode,
      );
    case 'typescript':
    case 'javascript':
      return tsSyntaxErrorCount(text, file);
    default:
      return 0;
  }
}
