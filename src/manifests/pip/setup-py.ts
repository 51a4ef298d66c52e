import { eolOf, indentUnitOf } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';
import { appendToList } from './list-literal.js';
import { mentions } from './names.js';

/** setup.py: the literal `install_requires=[...]` list. */
export function editSetupPy(text: string, deps: readonly Dependency[]): ManifestEdit {
  const missing = deps.filter((d) => !mentions(text, d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const m = /install_requires\s*=\s*\[/.exec(text);
  const edits =
    m &&
    appendToList(
      text,
      m.index + m[0].length - 1,
      missing.map((d) => `${d.name}==${d.version}`),
      eolOf(text),
      indentUnitOf(text),
    );
  if (!edits)
    return {
      edits: [],
      problems: ['setup.py: no literal install_requires=[...] list; add the dependencies by hand'],
    };
  return { edits, problems: [] };
}
