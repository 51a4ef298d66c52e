import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
import { endOfContentBefore, eolOf, indentUnitOf } from '../text.js';
import type { AddOptions, Dependency, ManifestEdit, ManifestModule, ManifestProblem } from '../types.js';
import { pep440Clauses, poetryClauses } from '../version-range.js';
import { appendToList } from './list-literal.js';
import { addToLists } from './list-manifest.js';
import { requirementText, sameProject } from './names.js';
import { optionalNote, targetOf } from './optional.js';
import { extractPyproject, type Pyproject, readPyproject } from './read-pyproject.js';

/**
 * pyproject.toml: PEP 621 `[project] dependencies` (a library gets `>=`, an application `==`),
 * `[project.optional-dependencies]` for an optional import, and Poetry's
 * `[tool.poetry.dependencies]` (optional ones also join `[tool.poetry.extras]`). Groups (Poetry's,
 * PEP 735's) are development dependencies: never present for the code.
 */
export const pyproject: ManifestModule = {
  id: 'pyproject',
  ecosystem: 'pypi',
  filePatterns: MANIFEST_FILE_PATTERNS.pyproject,
  extract: extractPyproject,
  add(text, deps, options = {}) {
    const py = readPyproject(text);
    if (py.problems.length > 0) return { edits: [], problems: py.problems };
    const stale = staleAgainst(text, options.seen);
    if (stale) return { edits: [], problems: [stale] };
    if (py.pep621List === undefined && py.poetryTable !== undefined)
      return addPoetry(text, py, deps, options);
    const lists = { declared: py.declared, main: py.pep621List, extras: py.pep621Extras };
    const labels = { mainLabel: '[project] dependencies', extraLabel: '[project.optional-dependencies]' };
    const r = addToLists(text, { ...lists, ...labels }, deps, options, pep440Clauses);
    if (r.missingMain.length === 0) return { edits: r.edits, problems: r.problems };
    const items = r.missingMain.map((d) => requirementText(d.name, d.version, options.library)).join(', ');
    const problem: ManifestProblem = py.dynamic
      ? {
          code: 'dynamic-dependencies',
          message: `[project] dependencies are dynamic: add ${items} to the file they are read from`,
        }
      : {
          code: 'no-dependency-list',
          message: `no literal [project] dependencies list or [tool.poetry.dependencies] table; add ${items} by hand`,
        };
    return { edits: r.edits, problems: [...r.problems, problem] };
  },
};

/** Poetry: `name = "0.1.3"` (exact) for an application, `">=0.1.3"` for a library; an optional one joins its extra. */
function addPoetry(
  text: string,
  py: Pyproject,
  deps: readonly Dependency[],
  options: AddOptions,
): ManifestEdit {
  const table = py.poetryTable;
  if (!table) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  const lines: string[] = [];
  const extras = new Map<string, string[]>();
  const spec = (d: Dependency) => (options.library ? `>=${d.version}` : d.version);
  const target = targetOf(py.declared, options);
  if (target.kind === 'none') return { edits, problems: [optionalNote(deps)] };
  for (const dep of deps) {
    const extra = target.kind === 'extra' ? target.extra : undefined;
    const present = py.declared.find(
      (d) =>
        sameProject(d.name, dep.name) && (d.scope === 'main' || (extra !== undefined && d.group === extra)),
    );
    if (present) {
      const r = checkVersion(text, dep, present, poetryClauses);
      edits.push(...r.edits);
      problems.push(...r.problems);
      continue;
    }
    lines.push(
      extra ? `${dep.name} = { version = "${spec(dep)}", optional = true }` : `${dep.name} = "${spec(dep)}"`,
    );
    if (extra) extras.set(extra, [...(extras.get(extra) ?? []), dep.name]);
  }
  if (lines.length > 0) {
    const at = endOfContentBefore(text, table.end);
    edits.push({ start: at, end: at, text: eol + lines.join(eol) });
  }
  for (const [extra, names] of extras) {
    const open = py.poetryExtras.get(extra);
    const listed = open === undefined ? undefined : appendToList(text, open, names, eol, indentUnitOf(text));
    if (listed) edits.push(...listed);
    else
      return {
        edits: [],
        problems: [
          {
            code: 'no-dependency-list',
            message: `no literal [tool.poetry.extras] ${extra} list; add ${names.join(', ')} to it by hand`,
          },
        ],
      };
  }
  return { edits, problems };
}
