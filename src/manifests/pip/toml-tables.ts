/** A `[table]` of a TOML file: where its header is and where its body ends. */
export interface TomlTable {
  name: string;
  start: number;
  bodyStart: number;
  end: number;
}

/**
 * Table headers by line (smol-toml gives values, not offsets: these give the offsets, and the caller
 * checks what it finds there against the parsed values). `[[arrays]]` end the table before them.
 */
export function tomlTables(text: string): TomlTable[] {
  const heads = [...text.matchAll(/^[ \t]*\[\[?([^\]\n]+)\]\]?[ \t]*(?:#[^\n]*)?\r?$/gm)];
  return heads.map((m, i) => ({
    name: m[1]
      .split('.')
      .map((p) => p.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'))
      .join('.'),
    start: m.index ?? 0,
    bodyStart: (m.index ?? 0) + m[0].length,
    end: i + 1 < heads.length ? (heads[i + 1].index ?? text.length) : text.length,
  }));
}

/** Offset just after `key =` in a table's body (the value's first character), or undefined. */
export function valueStart(text: string, table: TomlTable, key: string): number | undefined {
  const body = text.slice(table.bodyStart, table.end);
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^[ \\t]*(?:${k}|"${k}"|'${k}')[ \\t]*=[ \\t]*`, 'm').exec(body);
  return m ? table.bodyStart + m.index + m[0].length : undefined;
}
