/** Offsets of `{` and its matching `}` for the top-level `dependencies {` block, skipping strings and comments. */
export function topLevelDependencies(text: string): { open: number; close: number } | undefined {
  let depth = 0;
  let candidate = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
      continue;
    }
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < text.length && text[i] !== q) i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '{') {
      if (depth === 0 && /\bdependencies\s*$/.test(text.slice(Math.max(0, i - 40), i))) candidate = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && candidate >= 0) return { open: candidate, close: i };
    }
  }
  return undefined;
}

/** The text with comments blanked to spaces (offsets kept), so declarations in comments are not read. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}
