import { endOfContentBefore, eolOf, indentAt } from '../text.js';
import type { Dependency, ManifestEdit } from '../types.js';

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

/** package.json: adds entries to `dependencies`, keeping the file's indentation and key order. */
export function editPackageJson(text: string, deps: readonly Dependency[]): ManifestEdit {
  let parsed: { dependencies?: Record<string, string>; name?: string };
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof parsed;
  } catch (err) {
    return {
      edits: [],
      problems: [`package.json: not valid JSON (${(err as Error).message}); fix it, then run migrate again`],
    };
  }
  const missing = deps.filter((d) => !parsed.dependencies?.[d.name] && parsed.name !== d.name);
  if (missing.length === 0) return { edits: [], problems: [] };
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
    return {
      edits: [{ start: last, end: last, text: (empty ? '' : ',') + lines + (empty ? eol + indent : '') }],
      problems: [],
    };
  }
  const end = text.lastIndexOf('}');
  const last = endOfContentBefore(text, end);
  const indent = [...members.values()][0] ? indentAt(text, [...members.values()][0].keyStart) : '  ';
  const body = `,${eol}${indent}"dependencies": {${missing.map((d) => `${eol}${indent}${indent}${entry(d)}`).join(',')}${eol}${indent}}`;
  return { edits: [{ start: last, end: last, text: body }], problems: [] };
}
