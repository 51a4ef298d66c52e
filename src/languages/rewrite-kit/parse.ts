import Parser from 'tree-sitter';
import Go from 'tree-sitter-go';
import Java from 'tree-sitter-java';
import Python from 'tree-sitter-python';
import type { TextEdit } from '../../model/edit.js';
import { LineIndex } from '../../model/range.js';

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

/**
 * The last trees parsed: the rewriters of one file parse the same text more than once (Java per client
 * kind, Python V1 then V2), and the re-parse check of their output starts from that tree. Trees are
 * only read, never changed, while cached.
 */
const recent: { lang: TreeLanguage; text: string; tree: Parser.Tree }[] = [];
const RECENT_MAX = 2;

function remember(lang: TreeLanguage, text: string, tree: Parser.Tree): void {
  recent.push({ lang, text, tree });
  if (recent.length > RECENT_MAX) recent.shift();
}

/** Parses with a buffer large enough for the whole text (the node binding truncates at 32 KiB otherwise). */
export function parseTree(lang: TreeLanguage, text: string): Parser.Tree {
  const hit = recent.find((r) => r.lang === lang && r.text === text);
  if (hit) return hit.tree;
  const tree = parserFor(lang).parse(text, undefined, { bufferSize: text.length * 2 + 1024 });
  remember(lang, text, tree);
  return tree;
}

/** Zero-based row and column (UTF-16 units, as the node binding takes them) of an offset. */
function pointAt(lines: LineIndex, offset: number): Parser.Point {
  const p = lines.position(offset);
  return { row: p.line - 1, column: p.column - 1 };
}

function pointAfter(start: Parser.Point, inserted: string): Parser.Point {
  const nl = inserted.lastIndexOf('\n');
  if (nl < 0) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + (inserted.match(/\n/g) ?? []).length, column: inserted.length - nl - 1 };
}

/**
 * Parses `after` = `before` with `edits` (non-overlapping, offsets in `before`) applied. When the tree
 * of `before` is still cached, the parse is incremental: tree-sitter reuses what the edits did not touch.
 */
export function parseEdited(
  lang: TreeLanguage,
  before: string,
  edits: readonly TextEdit[],
  after: string,
): Parser.Tree {
  const at = recent.findIndex((r) => r.lang === lang && r.text === before);
  if (at < 0) return parserFor(lang).parse(after, undefined, { bufferSize: after.length * 2 + 1024 });
  // Editing a tree updates every node object handed out from it (the rewriters handed out many); an
  // unchanged re-parse of `before` from the cached tree costs almost nothing and has none.
  const old = parserFor(lang).parse(before, recent[at].tree, { bufferSize: before.length * 2 + 1024 });
  const lines = new LineIndex(before);
  // Last edit first: the text before each edit's end is then still the original one.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const startPosition = pointAt(lines, e.start);
    old.edit({
      startIndex: e.start,
      oldEndIndex: e.end,
      newEndIndex: e.start + e.text.length,
      startPosition,
      oldEndPosition: pointAt(lines, e.end),
      newEndPosition: pointAfter(startPosition, e.text),
    });
  }
  return parserFor(lang).parse(after, old, { bufferSize: after.length * 2 + 1024 });
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
