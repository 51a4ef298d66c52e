import type Parser from 'tree-sitter';

/**
 * Opt-in incremental parsing for callers that parse the same file again and again (the language
 * server, on every edit of a buffer). Off by default: a scan parses each file once and keeps no tree.
 * The last tree of each file is kept (at most `limit` files, least recently used dropped), and the
 * next parse of that file tells tree-sitter what changed, so it re-parses only around the edit. The
 * result is the tree a fresh parse would give.
 */
let limit = 0;
const trees = new Map<string, { text: string; tree: Parser.Tree }>();

export function keepTreesForIncrementalParsing(maxFiles: number): void {
  limit = maxFiles;
  while (trees.size > limit) trees.delete(trees.keys().next().value as string);
}

/** The one span where two texts differ (common prefix and suffix), never splitting a surrogate pair. */
export function changedSpan(
  before: string,
  after: string,
): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (oldEnd < before.length && isLowSurrogate(before.charCodeAt(oldEnd))) {
    oldEnd++;
    newEnd++;
  }
  return { start, oldEnd, newEnd };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Zero-based row and column (UTF-16 units, as the node binding takes them) of an offset. */
function pointAt(text: string, offset: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * Parses `text` as `file`'s new content: incrementally from its kept tree when there is one (and
 * keeping are asked for), else from scratch. `parse(text, old)` is the parser's own call.
 */
export function parseKept(
  file: string,
  text: string,
  parse: (text: string, old: Parser.Tree | null) => Parser.Tree,
): Parser.Tree {
  if (limit === 0) return parse(text, null);
  const kept = trees.get(file);
  let tree: Parser.Tree;
  if (!kept) tree = parse(text, null);
  else if (kept.text === text) tree = kept.tree;
  else {
    // Editing a tree updates every node object handed out from it (the extractor handed out
    // thousands); an unchanged re-parse of the old text from the kept tree costs almost nothing and
    // has none.
    const old = parse(kept.text, kept.tree);
    const { start, oldEnd, newEnd } = changedSpan(kept.text, text);
    old.edit({
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: newEnd,
      startPosition: pointAt(kept.text, start),
      oldEndPosition: pointAt(kept.text, oldEnd),
      newEndPosition: pointAt(text, newEnd),
    });
    tree = parse(text, old);
  }
  trees.delete(file);
  trees.set(file, { text, tree });
  if (trees.size > limit) trees.delete(trees.keys().next().value as string);
  return tree;
}
