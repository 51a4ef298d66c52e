import type { ParseProblem } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { Tree } from './grammar.js';

const MAX_PROBLEMS = 50;

/**
 * ERROR and MISSING nodes, found without recursion (deeply nested input must not blow the stack):
 * a cursor walk that only descends into subtrees whose `hasError` is set.
 */
export function collectSyntaxErrors(tree: Tree, lines: LineIndex, file = '<input>'): ParseProblem[] {
  const problems: ParseProblem[] = [];
  if (!tree.rootNode.hasError) return problems;
  const cursor = tree.walk();
  let descend = true;
  for (;;) {
    const node = cursor.currentNode;
    if (descend && (node.isError || node.isMissing)) {
      const range = lines.range(node.startIndex, node.endIndex);
      const what = node.isMissing ? `missing \`${node.type}\`` : 'unexpected syntax';
      problems.push({ message: `${file}:${range.start.line}:${range.start.column}: ${what}`, range });
      if (problems.length >= MAX_PROBLEMS) break;
      descend = false; // everything under an ERROR node is part of the same problem
    }
    if (descend && node.hasError && cursor.gotoFirstChild()) continue;
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    let climbed = false;
    while (cursor.gotoParent()) {
      if (cursor.gotoNextSibling()) {
        climbed = true;
        break;
      }
    }
    if (!climbed) break;
    descend = true;
  }
  return problems;
}
