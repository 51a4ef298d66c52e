import type { TextEdit } from '../model/edit.js';
import type { Declared, Dependency, Extraction, ManifestProblem, Span } from './types.js';
import { type Clause, judgeClauses } from './version-range.js';

/** A span whose text must still be what extract saw. */
export function holds(text: string, span: Span): boolean {
  return text.slice(span.start, span.end) === span.text;
}

/** Every recorded span of an earlier extraction, checked against the text about to be edited. */
export function staleAgainst(text: string, seen: Extraction | undefined): ManifestProblem | undefined {
  if (!seen) return undefined;
  const spans: Span[] = [
    ...seen.declared.flatMap((d) => [d.span, d.versionSpan, d.scopeSpan].filter((s): s is Span => !!s)),
    ...Object.values(seen.properties ?? {}),
  ];
  const moved = spans.find((s) => !holds(text, s));
  if (!moved) return undefined;
  return {
    code: 'changed-since-extract',
    message: `the file changed since it was read (offset ${moved.start} no longer holds "${moved.text}"); run migrate again`,
  };
}

/** Replaces [start, end) inside a recorded span, only while the span still holds what was seen. */
export function spliceIn(
  text: string,
  span: Span,
  at: number,
  length: number,
  by: string,
): TextEdit | undefined {
  if (!holds(text, span)) return undefined;
  return { start: span.start + at, end: span.start + at + length, text: by };
}

export interface VersionCheck {
  edits: TextEdit[];
  problems: ManifestProblem[];
}

/**
 * A declaration that is present: fine when its version admits the minimum, raised in place when it
 * is a single older pin in this file, reported otherwise. `where` names the file for a version set
 * elsewhere (a parent POM), so the user knows where to raise it.
 */
export function checkVersion(
  text: string,
  dep: Dependency,
  d: Declared,
  clausesOf: (spec: string) => Clause[] | undefined,
  minimum = dep.version,
  where?: string,
): VersionCheck {
  const spec = d.resolved ?? d.version;
  if (spec === undefined) return { edits: [], problems: [] };
  const clauses = clausesOf(spec);
  const verdict = clauses ? judgeClauses(clauses, minimum) : { kind: 'unjudged' as const };
  const shown = d.version === spec ? `"${spec}"` : `"${d.version}" (= "${spec}")`;
  if (verdict.kind === 'ok') return { edits: [], problems: [] };
  if (verdict.kind === 'unjudged')
    return problem(
      'version-unjudged',
      `${dep.name} is declared as ${shown}, which cannot be compared with ${minimum}: make sure it allows ${minimum} or newer`,
    );
  if (verdict.kind === 'excludes')
    return problem(
      'range-excludes-minimum',
      `${dep.name} is declared as ${shown}, which excludes ${minimum}: widen it to allow ${minimum} or newer`,
    );
  const span = d.versionSpan;
  const edit =
    span && !where && span.text === spec
      ? spliceIn(text, span, verdict.at, verdict.length, minimum)
      : undefined;
  if (edit) return { edits: [edit], problems: [] };
  return problem(
    'version-older',
    `${dep.name} is declared as ${shown}, older than ${minimum}: raise it${where ? ` in ${where}` : ''} by hand`,
  );
}

function problem(code: ManifestProblem['code'], message: string): VersionCheck {
  return { edits: [], problems: [{ code, message }] };
}
