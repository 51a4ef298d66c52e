import { parseToml } from '../parsers.js';
import type { Declared, Extraction, Span } from '../types.js';
import { quoted, stringList } from './literal-scan.js';
import { requirementAt } from './names.js';
import { type TomlTable, tomlTables, valueStart } from './toml-tables.js';

type Table = Record<string, unknown>;

export interface Pyproject extends Extraction {
  /** `[project] dependencies = [` offset, when written there. */
  pep621List?: number;
  /** `[project.optional-dependencies]` extra → `[` offset. */
  pep621Extras: Map<string, number>;
  /** `dependencies` is listed in `[project] dynamic`. */
  dynamic: boolean;
  poetryTable?: TomlTable;
  /** `[tool.poetry.extras]` extra → `[` offset. */
  poetryExtras: Map<string, number>;
  tables: TomlTable[];
}

const NOWHERE: Span = { start: 0, end: 0, text: '' };
const asTable = (v: unknown): Table | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : undefined;

/**
 * pyproject.toml read with smol-toml (PEP 621, PEP 735 groups, Poetry): the parsed values decide
 * what is declared; the offsets come from the tables' text and are used only where the strings found
 * there are exactly the parsed ones.
 */
export function readPyproject(text: string): Pyproject {
  const out: Pyproject = {
    declared: [],
    problems: [],
    pep621Extras: new Map(),
    dynamic: false,
    poetryExtras: new Map(),
    tables: [],
  };
  let data: Table;
  try {
    data = parseToml(text);
  } catch (err) {
    out.problems.push({
      code: 'unreadable',
      message: `not valid TOML (${(err as Error).message.split('\n')[0]}); fix it, then run migrate again`,
    });
    return out;
  }
  out.tables = tomlTables(text);
  const project = asTable(data.project);
  out.dynamic = Array.isArray(project?.dynamic) && project.dynamic.includes('dependencies');
  if (Array.isArray(project?.dependencies)) {
    out.pep621List = locatedList(text, out, 'project', 'dependencies', project.dependencies, 'main');
  }
  for (const [extra, list] of Object.entries(asTable(project?.['optional-dependencies']) ?? {})) {
    if (!Array.isArray(list)) continue;
    const open = locatedList(text, out, 'project.optional-dependencies', extra, list, 'optional', extra);
    if (open !== undefined) out.pep621Extras.set(extra, open);
  }
  for (const [group, list] of Object.entries(asTable(data['dependency-groups']) ?? {}))
    if (Array.isArray(list)) declareUnlocated(out, list, 'test', group);
  readPoetry(text, asTable(asTable(data.tool)?.poetry), out);
  return out;
}

/** A list of requirement strings: declared with offsets when the text holds exactly the parsed list. */
function locatedList(
  text: string,
  out: Pyproject,
  tableName: string,
  key: string,
  parsed: unknown[],
  scope: Declared['scope'],
  group?: string,
): number | undefined {
  const table = out.tables.find((t) => t.name === tableName);
  const at = table && valueStart(text, table, key);
  const list = at !== undefined && text[at] === '[' ? stringList(text, at) : undefined;
  if (!list || list.items.length !== parsed.length || list.items.some((s, i) => s.text !== parsed[i])) {
    declareUnlocated(out, parsed, scope, group);
    return undefined;
  }
  for (const s of list.items) {
    const d = requirementAt(s.text, s.start, scope, group);
    if (d) out.declared.push(d);
  }
  return at;
}

/** Declared without offsets (an inline table, a dotted key): judged, never edited in place. */
function declareUnlocated(out: Pyproject, parsed: unknown[], scope: Declared['scope'], group?: string): void {
  for (const r of parsed) {
    if (typeof r !== 'string') continue;
    const d = requirementAt(r, 0, scope, group);
    if (d) out.declared.push({ ...d, span: NOWHERE, versionSpan: undefined });
  }
}

function readPoetry(text: string, poetry: Table | undefined, out: Pyproject): void {
  if (!poetry) return;
  const extras = asTable(poetry.extras) ?? {};
  const extrasTable = out.tables.find((t) => t.name === 'tool.poetry.extras');
  for (const [extra, names] of Object.entries(extras)) {
    const at = extrasTable && valueStart(text, extrasTable, extra);
    if (Array.isArray(names) && at !== undefined && text[at] === '[') out.poetryExtras.set(extra, at);
  }
  const extraOf = (name: string) =>
    Object.entries(extras).find(([, names]) => Array.isArray(names) && names.includes(name))?.[0];
  out.poetryTable = out.tables.find((t) => t.name === 'tool.poetry.dependencies');
  for (const [name, value] of Object.entries(asTable(poetry.dependencies) ?? {})) {
    if (name === 'python') continue;
    const optional = asTable(value)?.optional === true;
    out.declared.push(
      poetryEntry(
        text,
        out.poetryTable,
        name,
        value,
        optional ? 'optional' : 'main',
        optional ? extraOf(name) : undefined,
      ),
    );
  }
  const groups = Object.entries(asTable(poetry.group) ?? {}).map(
    ([g, t]) => [g, asTable(asTable(t)?.dependencies)] as const,
  );
  groups.push(['dev', asTable(poetry['dev-dependencies'])]);
  for (const [group, deps] of groups)
    for (const [name, value] of Object.entries(deps ?? {}))
      out.declared.push(poetryEntry(text, undefined, name, value, 'test', group));
}

/** One Poetry dependency: `name = "^1.2"` or `name = { version = "^1.2", optional = true }`. */
function poetryEntry(
  text: string,
  table: TomlTable | undefined,
  name: string,
  value: unknown,
  scope: Declared['scope'],
  group?: string,
): Declared {
  const version = typeof value === 'string' ? value : (asTable(value)?.version as string | undefined);
  const base: Declared = {
    name,
    scope,
    ...(group ? { group } : {}),
    ...(version !== undefined ? { version } : {}),
    span: NOWHERE,
  };
  const at = table && valueStart(text, table, name);
  if (at === undefined || version === undefined) return base;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const span = { start: at, end: at + line.length, text: line };
  const v = /^\{.*?\bversion\s*=\s*/.exec(line);
  const s = quoted(text, v ? at + v[0].length : at);
  if (!s || s.content.text !== version) return { ...base, span };
  return { ...base, span, versionSpan: s.content };
}

export function extractPyproject(text: string): Extraction {
  const { declared, problems } = readPyproject(text);
  return { declared, problems };
}
