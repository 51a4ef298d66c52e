/**
 * Every identifier-like word of a text: a superset of the names the file declares or uses (words in
 * comments and strings count too), so a new name picked outside it clashes with nothing. Much cheaper
 * than collecting identifier nodes from the syntax tree of a large file.
 */
export function wordsIn(text: string): Set<string> {
  return new Set(text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
}
