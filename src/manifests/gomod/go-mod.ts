import { eolOf, lineStart } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';

/** go.mod: adds require lines (the last `require (...)` block, else a new one); `go mod tidy` fills go.sum. */
export function editGoMod(text: string, deps: readonly Dependency[]): ManifestEdit {
  const required = new Set(
    [...text.matchAll(/^\s*(?:require\s+)?([\w.\-/~]+)\s+v[\w.+-]+/gm)].map((m) => m[1]),
  );
  const missing = deps.filter((d) => !required.has(d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const version = (v: string) => (v.startsWith('v') ? v : `v${v}`);
  const blocks = [...text.matchAll(/^require\s*\(\s*\r?\n([\s\S]*?)^\)/gm)];
  const last = blocks[blocks.length - 1];
  if (last) {
    const close = (last.index ?? 0) + last[0].length - 1;
    const at = lineStart(text, close);
    return {
      edits: [
        { start: at, end: at, text: missing.map((d) => `\t${d.name} ${version(d.version)}${eol}`).join('') },
      ],
      problems: [],
    };
  }
  const lead = text.endsWith('\n') ? '' : eol;
  const body = `${lead}${eol}require (${eol}${missing.map((d) => `\t${d.name} ${version(d.version)}${eol}`).join('')})${eol}`;
  return { edits: [{ start: text.length, end: text.length, text: body }], problems: [] };
}
