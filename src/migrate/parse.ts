import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';
import Java from 'tree-sitter-java';
import Python from 'tree-sitter-python';

export type TreeLanguage = 'java' | 'python' | 'go';
export type SyntaxNode = Parser.SyntaxNode;

const grammars: Record<TreeLanguage, unknown> = { java: Java, python: Python, go: Go };
const parsers = new Map<TreeLanguage, Parser>();

function parserFor(lang: TreeLanguage): Parser {
  let p = parsers.get(lang);
  if (!p) {
    p = new Parser();
    p.setLanguage(grammars[lang] as Parser.Language);
    parsers.set(lang, p);
  }
  return p;
}

/** Parses with a buffer large enough for the whole text (the node binding truncates at 32 KiB otherwise). */
export function parseTree(lang: TreeLanguage, text: string): Parser.Tree {
  return parserFor(lang).parse(text, undefined, { bufferSize: text.length * 2 + 1024 });
}

/** Number of ERROR and MISSING nodes: a rewrite may not raise it. */
export function countSyntaxErrors(root: SyntaxNode): number {
  if (!root.hasError) return 0;
  let n = 0;
  const walk = (node: SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) n++;
    if (!node.hasError && !node.isMissing) return;
    for (const child of node.children) walk(child);
  };
  walk(root);
  return n;
}

/** Depth-first list of nodes of the given types. */
export function nodesOfType(root: SyntaxNode, types: readonly string[]): SyntaxNode[] {
  return root.descendantsOfType(types as string[]);
}

/** Every comment's text, for the "comments survive" guarantee. */
export function commentTexts(root: SyntaxNode): string[] {
  return root.descendantsOfType(['comment', 'line_comment', 'block_comment']).map((n) => n.text);
}

/**
 * Where new lines go before `statement`: above the comments written directly over it (no blank line
 * between), so a comment stays next to the code it describes.
 */
export function insertionAnchor(statement: SyntaxNode, text: string): number {
  let anchor = statement.startIndex;
  // Go keeps the first statement of a body in a statement_list whose comments precede the list.
  const parent = statement.parent;
  const firstInList =
    parent?.type === 'statement_list' && parent.firstChild?.startIndex === statement.startIndex;
  let prev = statement.previousSibling ?? (firstInList ? parent.previousSibling : null);
  while (prev && /comment/.test(prev.type)) {
    const between = text.slice(prev.endIndex, anchor);
    const lineStart = text.lastIndexOf('\n', prev.startIndex - 1) + 1;
    if ((between.match(/\n/g) ?? []).length !== 1 || text.slice(lineStart, prev.startIndex).trim() !== '')
      break;
    anchor = prev.startIndex;
    prev = prev.previousSibling;
  }
  return anchor;
}
