import type { ParseProblem } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { LoadedGrammar, SyntaxNode } from './grammar.js';
import { groupCaptures } from './node-range.js';
import { collectSyntaxErrors } from './syntax-errors.js';

/** The one parse and the one query pass every extractor starts with, captures grouped by name. */
export function parseAndCapture(
  grammar: LoadedGrammar,
  file: string,
  text: string,
  lines: LineIndex,
): { groups: Map<string, SyntaxNode[]>; parseErrors: ParseProblem[]; root: SyntaxNode } {
  const tree = grammar.parse(text, file);
  const parseErrors = collectSyntaxErrors(tree, lines, file);
  const { captures, halted } = grammar.capture(tree, text.length);
  if (halted) {
    parseErrors.push({
      message: `${file}: analysis stopped early because the file is too deeply nested or too broken to query in time; facts may be incomplete (fix the syntax, or exclude the file with --ignore)`,
      transient: true,
      partial: true,
    });
  }
  return { groups: groupCaptures(captures), parseErrors, root: tree.rootNode };
}
