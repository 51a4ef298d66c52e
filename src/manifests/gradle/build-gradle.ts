import { eolOf, indentAt, indentUnitOf, lineStart } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';

/** Offsets of `{` and its matching `}` for the top-level `dependencies {` block, skipping strings and comments. */
function topLevelDependencies(text: string): { open: number; close: number } | undefined {
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

/** build.gradle / build.gradle.kts: adds `implementation` lines to the top-level dependencies block. */
export function editGradle(text: string, deps: readonly Dependency[], kotlin: boolean): ManifestEdit {
  const missing = deps.filter((d) => !text.includes(d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const q = kotlin || /implementation\s*\(?\s*"/.test(text) ? '"' : "'";
  const line = (d: Dependency) =>
    kotlin ? `implementation("${d.name}:${d.version}")` : `implementation ${q}${d.name}:${d.version}${q}`;
  const block = topLevelDependencies(text);
  if (block) {
    const at = lineStart(text, block.close);
    if (text.slice(at, block.close).trim() !== '') {
      return {
        edits: [],
        problems: [
          'build.gradle: the dependencies block closes on a line with other content; add the dependencies by hand',
        ],
      };
    }
    const indent = indentAt(text, block.close) + unit;
    return {
      edits: [{ start: at, end: at, text: missing.map((d) => indent + line(d) + eol).join('') }],
      problems: [],
    };
  }
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  const body = `${lead}${eol}dependencies {${eol}${missing.map((d) => unit + line(d) + eol).join('')}}${eol}`;
  return { edits: [{ start: text.length, end: text.length, text: body }], problems: [] };
}
