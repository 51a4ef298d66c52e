import { saxesParser } from '../parsers.js';
import type { DeclaredScope, Extraction, Span } from '../types.js';

/** An element of the POM with the offsets an edit needs. */
export interface PomElement {
  path: string;
  /** Offset of `<` of the open tag. */
  open: number;
  /** Offset just after the open tag's `>`. */
  openEnd: number;
  /** Offset of `<` of the closing tag (openEnd for a self-closing element). */
  close: number;
}

export interface Pom extends Extraction {
  elements: PomElement[];
  parent?: { relativePath?: string };
}

/** Where a `<dependency>` sits decides whether it is the project's own (issue 18: not comments, not management, not profiles). */
function scopeOf(path: string, mavenScope: string | undefined): DeclaredScope {
  if (path === 'project/dependencies/dependency') {
    return mavenScope === 'test' || mavenScope === 'runtime' ? 'test' : 'main';
  }
  if (path === 'project/dependencyManagement/dependencies/dependency') return 'managed';
  return 'other';
}

function span(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e, text: text.slice(s, e) };
}

/**
 * Reads a POM with a real XML parser (saxes, with positions): comments and CDATA are never
 * dependencies, and every value keeps the span it was read from. `${name}` versions resolve through
 * the POM's own `<properties>`; the caller adds a parent's.
 */
export function readPom(text: string): Pom {
  const pom: Pom = { declared: [], problems: [], properties: {}, elements: [] };
  const parser = saxesParser();
  const stack: { name: string; openEnd: number; open: number }[] = [];
  let fields: Record<string, Span> = {};
  let depStart = -1;
  // A BOM is not part of the document saxes reads; positions are shifted back onto the text.
  const base = text.startsWith('\uFEFF') ? 1 : 0;
  parser.on('opentag', (tag) => {
    const openEnd = parser.position + base;
    const open = text.lastIndexOf('<', openEnd - 1);
    stack.push({ name: tag.name, openEnd, open });
    if (tag.name === 'dependency') {
      fields = {};
      depStart = open;
    }
  });
  parser.on('closetag', (tag) => {
    const end = parser.position + base;
    const top = stack.pop();
    if (!top) return;
    const close = tag.isSelfClosing ? top.openEnd : text.lastIndexOf('</', end - 1);
    const path = [...stack.map((s) => s.name), top.name].join('/');
    pom.elements.push({ path, open: top.open, openEnd: top.openEnd, close });
    const value = span(text, top.openEnd, close);
    const parentName = stack[stack.length - 1]?.name;
    if (parentName === 'dependency') fields[top.name] = value;
    if (path.startsWith('project/properties/') && stack.length === 2 && pom.properties)
      pom.properties[top.name] = value;
    if (path === 'project/parent/relativePath') pom.parent = { relativePath: value.text };
    if (path === 'project/parent') pom.parent ??= {};
    if (path === 'project/groupId' && pom.properties) pom.properties['project.groupId'] = value;
    if (tag.name === 'dependency' && fields.groupId && fields.artifactId) {
      const scope = scopeOf(path, fields.scope?.text);
      pom.declared.push({
        name: `${fields.groupId.text}:${fields.artifactId.text}`,
        scope,
        ...(fields.version ? { version: fields.version.text, versionSpan: fields.version } : {}),
        ...(scope === 'test' && fields.scope ? { scopeSpan: fields.scope } : {}),
        span: { start: depStart, end, text: text.slice(depStart, end) },
      });
    }
  });
  parser.on('error', (err) => {
    throw err;
  });
  try {
    parser.write(text.slice(base)).close();
  } catch (err) {
    pom.problems.push({
      code: 'unreadable',
      message: `not well-formed XML (${(err as Error).message.split('\n')[0]}); fix it, then run migrate again`,
    });
  }
  resolveProperties(pom, pom.properties ?? {});
  return pom;
}

/** `${name}` versions and group ids resolved through properties (the POM's own, then a parent's). */
export function resolveProperties(pom: Extraction, properties: Record<string, Span>): void {
  for (const d of pom.declared) {
    if (d.resolved !== undefined || !d.version) continue;
    const m = /^\$\{([^}]+)\}$/.exec(d.version);
    if (!m) continue;
    const value = properties[m[1]];
    if (!value) continue;
    d.resolved = value.text;
    if (d.versionSpan && pom.properties?.[m[1]] === value) d.versionSpan = value;
    else delete d.versionSpan;
  }
}

/** The dependencies a POM declares, as `extract` reports them (positions included). */
export function extractPom(text: string): Extraction {
  const { declared, problems, properties } = readPom(text);
  return { declared, problems, properties };
}
