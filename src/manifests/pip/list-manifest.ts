import type { TextEdit } from '../../model/edit.js';
import { checkVersion } from '../splice.js';
import { eolOf, indentUnitOf } from '../text.js';
import type { AddOptions, Declared, Dependency, ManifestEdit, ManifestProblem } from '../types.js';
import type { Clause } from '../version-range.js';
import { appendToList } from './list-literal.js';
import { requirementText, sameProject } from './names.js';
import { type OptionalTarget, optionalNote, targetOf } from './optional.js';

/** A Python manifest whose requirements are string lists: one main list, and one per extra. */
export interface ListManifest {
  declared: readonly Declared[];
  /** Offset of the main list's `[`. */
  main?: number;
  /** Extra name → offset of its list's `[`. */
  extras: ReadonlyMap<string, number>;
  /** How the file names its lists, for messages: `install_requires`, `[project] dependencies`. */
  mainLabel: string;
  extraLabel: string;
}

/**
 * What is present is judged per dependency (raised in place when it is a single older pin); what is
 * missing is appended to the list it belongs in: the main one, or the extra that declares the package
 * an optional import replaces.
 */
export function addToLists(
  text: string,
  m: ListManifest,
  deps: readonly Dependency[],
  options: AddOptions,
  clauses: (spec: string) => Clause[] | undefined,
): ManifestEdit & { missingMain: Dependency[] } {
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  const byTarget = new Map<string, { target: OptionalTarget; deps: Dependency[] }>();
  const target = targetOf(m.declared, options);
  if (target.kind === 'none') return { edits, problems: [optionalNote(deps)], missingMain: [] };
  for (const dep of deps) {
    const group = target.kind === 'extra' ? target.extra : undefined;
    const present = m.declared.find(
      (d) =>
        sameProject(d.name, dep.name) && (d.scope === 'main' || (group !== undefined && d.group === group)),
    );
    if (present) {
      const r = checkVersion(text, dep, present, clauses);
      edits.push(...r.edits);
      problems.push(...r.problems);
      continue;
    }
    const key = group ?? '';
    const entry = byTarget.get(key) ?? { target, deps: [] };
    entry.deps.push(dep);
    byTarget.set(key, entry);
  }
  const missingMain: Dependency[] = [];
  for (const [group, { deps: missing }] of byTarget) {
    const open = group ? m.extras.get(group) : m.main;
    const items = missing.map((d) => requirementText(d.name, d.version, options.library));
    const added =
      open === undefined ? undefined : appendToList(text, open, items, eolOf(text), indentUnitOf(text));
    if (added) edits.push(...added);
    else if (!group) missingMain.push(...missing);
    else
      problems.push({
        code: 'no-dependency-list',
        message: `no literal ${m.extraLabel} "${group}" list; add ${items.join(', ')} to it by hand`,
      });
  }
  return { edits, problems, missingMain };
}
