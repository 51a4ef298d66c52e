/**
 * Every identifier-like word of a text: a superset of the names the file declares or uses (words in
 * comments and strings count too), so a new name picked outside it clashes with nothing. Much cheaper
 * than collecting identifier nodes from the syntax tree of a large file.
 */
export function wordsIn(text: string): Set<string> {
  return new Set(text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
}

/**
 * `base` when no name in `taken` is spelled so, else the first free `base<sep>2`, `base<sep>3`, … .
 * `taken` must hold every name of the whole scope the new name lives in, including the bindings that
 * come after the insertion point (a later `Config = ...` would rebind ours) and the module's globals.
 */
export function uniqueName(base: string, taken: ReadonlySet<string>, sep = ''): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}
