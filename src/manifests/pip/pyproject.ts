import { endOfContentBefore, eolOf, indentUnitOf } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';
import { appendToList } from './list-literal.js';
import { mentions } from './names.js';

/** [section] header offsets in a TOML file. */
function tables(text: string): { name: string; start: number; bodyStart: number; end: number }[] {
  const heads = [...text.matchAll(/^\[([^\]\n]+)\][ \t]*\r?$/gm)];
  return heads.map((m, i) => ({
    name: m[1].trim(),
    start: m.index ?? 0,
    bodyStart: (m.index ?? 0) + m[0].length,
    end: i + 1 < heads.length ? (heads[i + 1].index ?? text.length) : text.length,
  }));
}

/** pyproject.toml: PEP 621 `[project] dependencies = [...]` or Poetry `[tool.poetry.dependencies]`. */
export function editPyproject(text: string, deps: readonly Dependency[]): ManifestEdit {
  const missing = deps.filter((d) => !mentions(text, d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const all = tables(text);
  const project = all.find((t) => t.name === 'project');
  if (project) {
    const body = text.slice(project.bodyStart, project.end);
    const m = /^dependencies\s*=\s*\[/m.exec(body);
    if (m) {
      const open = project.bodyStart + m.index + m[0].length - 1;
      const edits = appendToList(
        text,
        open,
        missing.map((d) => `${d.name}==${d.version}`),
        eol,
        indentUnitOf(text),
      );
      if (edits) return { edits, problems: [] };
    }
  }
  const poetry = all.find((t) => t.name === 'tool.poetry.dependencies');
  if (poetry) {
    const at = endOfContentBefore(text, poetry.end);
    const lines = missing.map((d) => `${d.name} = "${d.version}"`).join(eol);
    return { edits: [{ start: at, end: at, text: eol + lines }], problems: [] };
  }
  return {
    edits: [],
    problems: [
      'pyproject.toml: no [project] dependencies list or [tool.poetry.dependencies] table; add the dependencies by hand',
    ],
  };
}
