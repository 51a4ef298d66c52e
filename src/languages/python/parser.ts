import Python from 'tree-sitter-python';
import type { ParseProblem } from '../../model/facts.js';
import { LineIndex } from '../../model/range.js';
import { type Grammar, loadGrammar, type Tree } from '../tree-sitter/grammar.js';
import { collectSyntaxErrors } from '../tree-sitter/syntax-errors.js';

/**
 * The Python grammar, one parser per thread. No fact query: the extractor finds the nodes it reads from
 * the text (name-sites.ts), which costs far less than a walk over every node of a large file.
 */
export const pythonGrammar = loadGrammar(Python as unknown as Grammar, new URL('./', import.meta.url), []);

export function parse(text: string): Tree {
  return pythonGrammar().parse(text);
}

/** ERROR and MISSING nodes of `text`; the migrate step compares these before and after a rewrite. */
export function syntaxErrors(text: string, file?: string): ParseProblem[] {
  return collectSyntaxErrors(parse(text), new LineIndex(text), file);
}
