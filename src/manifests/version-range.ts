/**
 * Version comparison and range checks shared by the manifest modules. The table's version is a
 * minimum: a declaration is fine when its range admits it, a pin below it is raised, and anything
 * this cannot read is reported rather than guessed.
 */

interface Parsed {
  release: number[];
  /** Pre-release or qualifier text (`rc1`, `SNAPSHOT`, `0.20230101-abcdef`): sorts before the release. */
  pre: string;
}

function parse(v: string): Parsed | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-.+]?([0-9A-Za-z][0-9A-Za-z.+-]*))?$/.exec(v.trim());
  if (!m) return undefined;
  const pre = m[2] ?? '';
  // Build metadata (`+incompatible`) and post-releases (`.post1`) are not pre-releases.
  const isPre = pre !== '' && !/^(?:\+|post|final|release|ga)/i.test(pre);
  return { release: m[1].split('.').map(Number), pre: isPre ? pre : '' };
}

/** -1, 0 or 1; undefined when either side is not a version this can read. */
export function compareVersions(a: string, b: string): number | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  const n = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < n; i++) {
    const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === '') return 1;
  if (y.pre === '') return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** `soft` is a version that asks for itself or newer (a Maven version, a go.mod require): raised when lower. */
export type Operator = '==' | '!=' | '>=' | '>' | '<=' | '<' | '~=' | '^' | '~' | 'soft';

export interface Clause {
  op: Operator;
  version: string;
  /** Offset of the version text inside the range string. */
  at: number;
}

/** The exclusive upper bound `^`, `~` and `~=` imply (caret: next non-zero leading part). */
function impliedUpper(op: Operator, version: string): string | undefined {
  const p = parse(version);
  if (!p) return undefined;
  const r = p.release;
  if (op === '^') {
    const i = r.findIndex((x, k) => x !== 0 || k === r.length - 1);
    return [...r.slice(0, i), r[i] + 1].join('.');
  }
  if (op === '~') return r.length === 1 ? `${r[0] + 1}` : `${r[0]}.${r[1] + 1}`;
  if (op === '~=') return r.length < 2 ? undefined : [...r.slice(0, -2), r[r.length - 2] + 1].join('.');
  return undefined;
}

function admits(c: Clause, min: string): boolean | undefined {
  const d = compareVersions(min, c.version);
  if (d === undefined) return undefined;
  switch (c.op) {
    case '==':
      return d === 0;
    case '!=':
      return d !== 0;
    case '>=':
      return d >= 0;
    case 'soft':
      // The build uses this very version: it admits the candidate only when it is at least the minimum.
      return d === 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    case '<':
      return d < 0;
    default: {
      const upper = impliedUpper(c.op, c.version);
      const below = upper === undefined ? undefined : compareVersions(min, upper);
      return below === undefined ? undefined : d >= 0 && below < 0;
    }
  }
}

export type RangeVerdict =
  /** The range admits the minimum (or has no bound at all). */
  | { kind: 'ok' }
  /** A single pin below the minimum: replace the text at [at, at + length) with the minimum. */
  | { kind: 'pin-older'; at: number; length: number }
  /** Bounds that exclude the minimum, and not a single pin: widen by hand. */
  | { kind: 'excludes' }
  /** Text this cannot read (a property, a URL, a wildcard in the middle). */
  | { kind: 'unjudged' };

const LOWER: ReadonlySet<Operator> = new Set<Operator>(['==', '>=', '>', '~=', '^', '~', 'soft']);

/**
 * Judges clauses (all must hold) against the minimum: fine when they admit some version at or above
 * it (the newest of the minimum and their own lower bounds), a single pin below it is raised.
 */
export function judgeClauses(clauses: readonly Clause[], min: string): RangeVerdict {
  if (clauses.length === 0) return { kind: 'ok' };
  let candidate = min;
  for (const c of clauses) {
    if (!LOWER.has(c.op)) continue;
    const d = compareVersions(c.version, candidate);
    if (d === undefined) return { kind: 'unjudged' };
    if (d > 0) candidate = c.version;
  }
  let all = true;
  for (const c of clauses) {
    if (c.op === '!=') continue;
    const a = admits(c, candidate);
    if (a === undefined) return { kind: 'unjudged' };
    all &&= a;
  }
  if (all) return { kind: 'ok' };
  const only = clauses[0];
  if (clauses.length === 1 && (only.op === '==' || only.op === 'soft') && only.at >= 0)
    return { kind: 'pin-older', at: only.at, length: only.version.length };
  return { kind: 'excludes' };
}

const PEP440_CLAUSE = /^\s*(===|==|!=|>=|<=|~=|>|<)\s*([^\s,;]+)\s*$/;

/** PEP 440 specifier set (`>=1.0,<2`, `==0.1.3`); `*` wildcards and `===` are not judged. */
export function pep440Clauses(spec: string): Clause[] | undefined {
  const out: Clause[] = [];
  let offset = 0;
  for (const part of spec.split(',')) {
    const start = offset;
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const m = PEP440_CLAUSE.exec(part);
    if (!m || m[1] === '===' || m[2].includes('*')) return undefined;
    out.push({
      op: m[1] as Operator,
      version: m[2],
      at: start + part.indexOf(m[2], part.indexOf(m[1]) + m[1].length),
    });
  }
  return out;
}

/** Poetry constraints: PEP 440 clauses, plus `^1.2`, `~1.2` and a bare version (an exact one in Poetry). */
export function poetryClauses(spec: string): Clause[] | undefined {
  const t = spec.trim();
  if (t === '*' || t === '') return [];
  const m = /^(\^|~(?!=))?\s*(v?\d[\w.+-]*)$/.exec(t);
  if (m) return [{ op: (m[1] as Operator | undefined) ?? '==', version: m[2], at: spec.indexOf(m[2]) }];
  return pep440Clauses(spec);
}

/** npm semver ranges in their common forms: exact, `^`, `~`, comparator sets. `||`, `x` and tags are not judged. */
export function npmClauses(spec: string): Clause[] | undefined {
  const t = spec.trim();
  if (t === '*' || t === '' || t === 'latest') return [];
  if (/\|\||\s-\s|[xX*]|^[a-z]/.test(t)) return undefined;
  const out: Clause[] = [];
  for (const m of t.matchAll(/(\^|~|>=|<=|>|<|=)?\s*(\d[\w.+-]*)/g)) {
    const op = (m[1] === '=' || !m[1] ? '==' : m[1]) as Operator;
    out.push({ op, version: m[2], at: (m.index ?? 0) + m[0].length - m[2].length });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Maven version or range: `1.2.3` is a soft requirement (the minimum the project asks for, judged as
 * `>=`; a lower one is raised), `[1.0,2.0)` and friends are ranges (reported, never rewritten).
 */
export function mavenClauses(spec: string): Clause[] | undefined {
  const t = spec.trim();
  if (!/^[[(]/.test(t)) {
    return parse(t) ? [{ op: 'soft', version: t, at: spec.indexOf(t) }] : undefined;
  }
  const m = /^([[(])\s*([^,\s]*)\s*,\s*([^\])\s]*)\s*([\])])$/.exec(t);
  if (!m) return undefined;
  const out: Clause[] = [];
  if (m[2]) out.push({ op: m[1] === '[' ? '>=' : '>', version: m[2], at: -1 });
  if (m[3]) out.push({ op: m[4] === ']' ? '<=' : '<', version: m[3], at: -1 });
  return out;
}
