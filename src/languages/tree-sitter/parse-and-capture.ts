import type { ParseProblem } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { LoadedGrammar, SyntaxNode, Tree } from './grammar.js';
import { groupCaptures } from './node-range.js';
import { collectSyntaxErrors } from './syntax-errors.js';

/** The one parse every extractor starts with, and the syntax errors it found. */
export function parseTree(
  grammar: LoadedGrammar,
  file: string,
  text: string,
  lines: LineIndex,
): { parseErrors: ParseProblem[]; root: SyntaxNode; tree: Tree } {
  const tree = grammar.parse(text, file);
  return { parseErrors: collectSyntaxErrors(tree, lines, file), root: tree.rootNode, tree };
}

/** The one parse and the one query pass, captures grouped by name. */
export function parseAndCapture(
  grammar: LoadedGrammar,
  file: string,
  text: string,
  lines: LineIndex,
): { groups: Map<string, SyntaxNode[]>; parseErrors: ParseProblem[]; root: SyntaxNode } {
  const { parseErrors, tree } = parseTree(grammar, file, text, lines);
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
