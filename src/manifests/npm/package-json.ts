import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
import { endOfContentBefore, eolOf, indentAt } from '../text.js';
import type {
  Declared,
  DeclaredScope,
  Dependency,
  Extraction,
  ManifestModule,
  ManifestProblem,
} from '../types.js';
import { npmClauses } from '../version-range.js';

/** Offsets of the top-level object members: key → [value start, value end). */
function topLevelMembers(text: string): Map<string, { keyStart: number; start: number; end: number }> {
  const out = new Map<string, { keyStart: number; start: number; end: number }>();
  let depth = 0;
  let key: { name: string; start: number } | undefined;
  let valueStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const s = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (depth === 1 && valueStart < 0) key = { name: JSON.parse(text.slice(s, i + 1)) as string, start: s };
      continue;
    }
    if (c === ':' && depth === 1 && key && valueStart < 0) valueStart = i + 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 1 && key && valueStart >= 0) {
        out.set(key.name, { keyStart: key.start, start: valueStart, end: i + 1 });
        key = undefined;
        valueStart = -1;
      }
    } else if (c === ',' && depth === 1) {
      if (key && valueStart >= 0) out.set(key.name, { keyStart: key.start, start: valueStart, end: i });
      key = undefined;
      valueStart = -1;
    }
  }
  return out;
}

const SECTIONS: Record<string, DeclaredScope> = {
  dependencies: 'main',
  peerDependencies: 'main',
  optionalDependencies: 'optional',
  devDependencies: 'test',
};

type PackageJson = Extraction & { parsed?: { name?: string } };

/** package.json with JSON.parse for the values and a member scan for their offsets. */
function readPackageJson(text: string): PackageJson {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (err) {
    return {
      declared: [],
      problems: [
        {
          code: 'unreadable',
          message: `not valid JSON (${(err as Error).message}); fix it, then run migrate again`,
        },
      ],
    };
  }
  const members = topLevelMembers(text);
  const declared: Declared[] = [];
  for (const [section, scope] of Object.entries(SECTIONS)) {
    const deps = parsed[section];
    const member = members.get(section);
    if (!deps || typeof deps !== 'object' || !member) continue;
    const body = text.slice(member.start, member.end);
    for (const [name, version] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof version !== 'string') continue;
      const key = JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const m = new RegExp(`${key}\\s*:\\s*"([^"\\\\]*)"`).exec(body);
      const at = m ? member.start + (m.index ?? 0) + m[0].length - m[1].length - 1 : -1;
      declared.push({
        name,
        scope,
        version,
        ...(m && m[1] === version
          ? { versionSpan: { start: at, end: at + version.length, text: version } }
          : {}),
        span: m
          ? {
              start: member.start + (m.index ?? 0),
              end: member.start + (m.index ?? 0) + m[0].length,
              text: m[0],
            }
          : { start: 0, end: 0, text: '' },
      });
    }
  }
  return { declared, problems: [], parsed: parsed as { name?: string } };
}

/**
 * package.json: `dependencies` (or `peerDependencies`) hold what the code needs; a new entry is a
 * caret range (`^x.y.z`), which is already a range for libraries and applications alike.
 */
export const packageJson: ManifestModule = {
  id: 'npm',
  ecosystem: 'npm',
  filePatterns: MANIFEST_FILE_PATTERNS.packageJson,
  extract(text) {
    const { declared, problems } = readPackageJson(text);
    return { declared, problems };
  },
  add(text, deps, options = {}) {
    const pkg = readPackageJson(text);
    if (pkg.problems.length > 0) return { edits: [], problems: pkg.problems };
    const stale = staleAgainst(text, options.seen);
    if (stale) return { edits: [], problems: [stale] };
    const edits: TextEdit[] = [];
    const problems: ManifestProblem[] = [];
    const missing: Dependency[] = [];
    for (const dep of deps) {
      if (pkg.parsed?.name === dep.name) continue;
      const present = pkg.declared.find((d) => d.name === dep.name && d.scope === 'main');
      if (!present) {
        missing.push(dep);
        continue;
      }
      const r = checkVersion(text, dep, present, npmClauses);
      edits.push(...r.edits);
      problems.push(...r.problems);
    }
    if (missing.length > 0) edits.push(insertEntries(text, missing));
    return { edits, problems };
  },
};

function insertEntries(text: string, missing: readonly Dependency[]): TextEdit {
  const eol = eolOf(text);
  const members = topLevelMembers(text);
  const depsMember = members.get('dependencies');
  const entry = (d: Dependency) => `"${d.name}": "^${d.version}"`;
  if (depsMember) {
    const close = endOfContentBefore(text, depsMember.end) - 1;
    const last = endOfContentBefore(text, close);
    const empty = text[last - 1] === '{';
    const indent = indentAt(text, depsMember.keyStart);
    const unit = indent || '  ';
    const lines = missing.map((d) => `${eol}${indent}${unit}${entry(d)}`).join(',');
    return { start: last, end: last, text: (empty ? '' : ',') + lines + (empty ? eol + indent : '') };
  }
  const end = text.lastIndexOf('}');
  const last = endOfContentBefore(text, end);
  const first = [...members.values()][0];
  const indent = first ? indentAt(text, first.keyStart) : '  ';
  const body = `,${eol}${indent}"dependencies": {${missing.map((d) => `${eol}${indent}${indent}${entry(d)}`).join(',')}${eol}${indent}}`;
  return { start: last, end: last, text: body };
}
