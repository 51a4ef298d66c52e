const NAME = /[\p{L}_][\p{L}\p{N}_]*/u.source;
const SINGLE = new RegExp(`^(?:func\\s+(${NAME})|(?:var|const|type)\\s+(${NAME}(?:\\s*,\\s*${NAME})*))`, 'u');
const GROUP_START = /^(?:var|const|type)\s*\(\s*(?:\/\/.*)?$/;
const GROUP_ITEM = new RegExp(`^[\\t ]+(${NAME}(?:\\s*,\\s*${NAME})*)`, 'u');

/**
 * The names a Go file declares at package level (functions, types, variables, constants, grouped
 * declarations too; not methods, not imports, which are per file), read line by line as gofmt lays
 * them out. A name the rewrite adds to the package, or an import name it adds to a file, must not
 * clash with one of them.
 */
export function packageLevelNames(text: string): string[] {
  const out: string[] = [];
  let inGroup = false;
  let depth = 0;
  for (const line of text.split(/\r?\n/)) {
    if (inGroup) {
      if (depth === 0 && /^\)/.test(line)) {
        inGroup = false;
        continue;
      }
      // Items of the group sit one level in; deeper lines belong to a value or a struct body.
      if (depth === 0) {
        const m = GROUP_ITEM.exec(line);
        if (m && !/^[\t ]+\/\//.test(line)) out.push(...m[1].split(/\s*,\s*/));
      }
      depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
      if (depth < 0) depth = 0;
      continue;
    }
    if (GROUP_START.test(line)) {
      inGroup = true;
      depth = 0;
      continue;
    }
    const m = SINGLE.exec(line);
    if (m) out.push(...(m[1] ?? m[2]).split(/\s*,\s*/));
  }
  return out;
}
