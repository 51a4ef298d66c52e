import { rewriteGo } from '../languages/go/rewrite.js';
import { rewriteJava } from '../languages/java/rewrite.js';
import { rewritePython } from '../languages/python/rewrite.js';
import type { Rewriter } from '../languages/rewrite-kit/rewriter.js';
import { rewriteTypeScript } from '../languages/typescript/rewrite.js';
import type { Language } from '../model/language.js';

const REWRITERS: Partial<Record<Language, Rewriter>> = {
  java: rewriteJava,
  python: rewritePython,
  go: rewriteGo,
  typescript: rewriteTypeScript,
  javascript: rewriteTypeScript,
};

export function rewriterFor(language: Language): Rewriter | undefined {
  return REWRITERS[language];
}
