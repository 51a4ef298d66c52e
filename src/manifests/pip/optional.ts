import type { AddOptions, Declared, Dependency, ManifestProblem } from '../types.js';
import { sameProject } from './names.js';

/** Where a new dependency goes: the main list, or the extra the package it replaces belongs to. */
export type OptionalTarget = { kind: 'main' } | { kind: 'extra'; extra: string } | { kind: 'none' };

/** Mandatory code gets the main list; an optional import follows the package it replaces. */
export function targetOf(declared: readonly Declared[], options: AddOptions): OptionalTarget {
  if (!options.optional) return { kind: 'main' };
  const legacy = declared.find(
    (d) =>
      options.replaces?.some((r) => sameProject(r, d.name)) && (d.scope === 'main' || d.scope === 'optional'),
  );
  if (!legacy) return { kind: 'none' };
  return legacy.scope === 'optional' && legacy.group
    ? { kind: 'extra', extra: legacy.group }
    : { kind: 'main' };
}

/** An optional import adds nothing where the package it replaces is not declared. */
export function optionalElsewhere(declared: readonly Declared[], options: AddOptions): boolean {
  if (!options.optional) return false;
  return !declared.some((d) => d.scope === 'main' && options.replaces?.some((r) => sameProject(r, d.name)));
}

/** The note for packages an optional import needs where the package they replace is not declared. */
export function optionalNote(deps: readonly Dependency[]): ManifestProblem {
  const names = deps.map((d) => `${d.name}>=${d.version}`).join(', ');
  return {
    code: 'optional-not-declared',
    message: `the code imports the KMS SDK only optionally (inside try/except ImportError) and the package it replaces is not declared here: add ${names} wherever that package is installed`,
  };
}
