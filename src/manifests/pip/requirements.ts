import { eolOf } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';
import { mentions } from './names.js';

/** requirements*.txt: appends pinned lines. */
export function editRequirements(text: string, deps: readonly Dependency[]): ManifestEdit {
  const missing = deps.filter((d) => !mentions(text, d.name));
  if (missing.length === 0) return { edits: [], problems: [] };
  const eol = eolOf(text);
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return {
    edits: [
      {
        start: text.length,
        end: text.length,
        text: lead + missing.map((d) => `${d.name}==${d.version}${eol}`).join(''),
      },
    ],
    problems: [],
  };
}
