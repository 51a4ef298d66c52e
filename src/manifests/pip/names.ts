import type { Declared, DeclaredScope, Span } from '../types.js';

/** PEP 503 normalised project name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function sameProject(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/**
 * One PEP 508 requirement string found at `start` in the text (`name[extra] >=1,<2 ; marker`):
 * its name and the span of its version specifier. URLs (`name @ https://...`) are declared with no
 * version.
 */
export function requirementAt(
  req: string,
  start: number,
  scope: DeclaredScope,
  group?: string,
): Declared | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*/.exec(req);
  if (!m) return undefined;
  const span: Span = { start, end: start + req.length, text: req };
  const base: Declared = { name: m[1], scope, ...(group ? { group } : {}), span };
  const rest = req.slice(m[0].length);
  if (rest.startsWith('@')) return { ...base, version: rest.split(';')[0].trim() };
  const spec = rest.split(';')[0].replace(/\s+$/, '');
  if (spec === '') return base;
  const at = start + m[0].length;
  return { ...base, version: spec, versionSpan: { start: at, end: at + spec.length, text: spec } };
}

/** `name>=v` for a library (a range), `name==v` for an application (a pin). */
export function requirementText(name: string, version: string, library: boolean | undefined): string {
  return `${name}${library ? '>=' : '=='}${version}`;
}
