import { ts } from 'ts-morph';
import { commentTexts, parseTree } from '../../src/languages/rewrite-kit/parse.js';
import type { Language } from '../../src/model/language.js';

/** Every comment of a source file, as written. */
export function commentsOf(language: Language, text: string): string[] {
  if (language === 'java' || language === 'python' || language === 'go')
    return commentTexts(parseTree(language, text.replace(/^\uFEFF/, '')).rootNode);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia)
      out.push(scanner.getTokenText());
  }
  return out;
}
