import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, spliceIn, staleAgainst, type VersionCheck } from '../splice.js';
import { eolOf, indentAt, indentUnitOf, lineStart } from '../text.js';
import type {
  AddOptions,
  Declared,
  Dependency,
  ManifestEdit,
  ManifestModule,
  ManifestProblem,
} from '../types.js';
import { mavenClauses } from '../version-range.js';
import { extractPom, type Pom, readPom, resolveProperties } from './read-pom.js';

/**
 * pom.xml. Present means declared in the project's own `<dependencies>` with a scope the main code
 * compiles against; a version older than the table's is raised where it is written (in a property
 * when it comes from one that sets nothing else), a test/runtime scope becomes `compile`, and a new
 * `<dependency>` goes at the end of `project/dependencies`, without `<version>` when this POM or its
 * parent manages it. Maven versions are soft requirements, so libraries get the same plain version.
 */
export const mavenPom: ManifestModule = {
  id: 'maven-pom',
  ecosystem: 'maven',
  filePatterns: MANIFEST_FILE_PATTERNS.maven,
  related(text) {
    const pom = readPom(text);
    if (!pom.parent) return [];
    const rel = pom.parent.relativePath ?? '../pom.xml';
    if (rel === '') return [];
    const path = rel.endsWith('.xml') ? rel : `${rel.replace(/\/$/, '')}/pom.xml`;
    return [{ path, role: 'parent', extract: extractPom }];
  },
  extract: extractPom,
  add: addToPom,
};

interface Context {
  text: string;
  pom: Pom;
  parent?: { path: string; declared: Declared[] };
}

function addToPom(text: string, deps: readonly Dependency[], options: AddOptions = {}): ManifestEdit {
  const pom = readPom(text);
  if (pom.problems.length > 0) return { edits: [], problems: pom.problems };
  const stale = staleAgainst(text, options.seen);
  if (stale) return { edits: [], problems: [stale] };
  const related = options.related?.find((r) => r.role === 'parent');
  if (related) resolveProperties(pom, { ...(related.extraction.properties ?? {}), ...pom.properties });
  if (related) resolveProperties(related.extraction, related.extraction.properties ?? {});
  const ctx: Context = {
    text,
    pom,
    parent: related && { path: related.path, declared: related.extraction.declared },
  };
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  const missing: { dep: Dependency; managed: boolean }[] = [];
  for (const dep of deps) {
    const r = placeOne(ctx, dep);
    edits.push(...r.edits);
    problems.push(...r.problems);
    if (r.add) missing.push({ dep, managed: r.managed });
  }
  if (missing.length > 0) {
    const inserted = insertDependencies(text, pom, missing);
    if ('problem' in inserted) return { edits: [], problems: [...problems, inserted.problem] };
    edits.push(inserted.edit);
  }
  return { edits, problems };
}

interface Placement {
  edits: TextEdit[];
  problems: ManifestProblem[];
  add: boolean;
  managed: boolean;
}

/** What one needed dependency takes: nothing, a raised version, a scope change, or a new element. */
function placeOne(ctx: Context, dep: Dependency): Placement {
  const { text, pom, parent } = ctx;
  const named = (d: Declared) => d.name === dep.name;
  const own = pom.declared.find((d) => named(d) && d.scope === 'main');
  const managedHere = pom.declared.find((d) => named(d) && d.scope === 'managed');
  const managedAbove = parent?.declared.find((d) => named(d) && d.scope === 'managed');
  const check = (d: Declared, where?: string) => {
    if (where) return checkVersion(text, dep, d, mavenClauses, dep.version, where);
    return unlessShared(pom, d, dep, checkVersion(text, dep, d, mavenClauses));
  };
  const viaManagement = (): VersionCheck =>
    managedHere
      ? check(managedHere)
      : managedAbove
        ? check(managedAbove, parent?.path)
        : { edits: [], problems: [] };
  if (own) {
    const r = own.version ? check(own) : viaManagement();
    return { ...r, add: false, managed: false };
  }
  const inherited = parent?.declared.find((d) => named(d) && d.scope === 'main');
  if (inherited) return { ...check(inherited, parent?.path), add: false, managed: false };
  const testScoped = pom.declared.find((d) => named(d) && d.scope === 'test' && d.scopeSpan);
  if (testScoped?.scopeSpan) {
    const edit = spliceIn(text, testScoped.scopeSpan, 0, testScoped.scopeSpan.text.length, 'compile');
    const r = testScoped.version ? check(testScoped) : viaManagement();
    return { edits: edit ? [edit, ...r.edits] : r.edits, problems: r.problems, add: false, managed: false };
  }
  const managed = Boolean(managedHere?.version || managedAbove?.version);
  return { ...viaManagement(), add: true, managed };
}

/** A version property that other dependencies use too is not raised for one of them. */
function unlessShared(pom: Pom, d: Declared, dep: Dependency, r: VersionCheck): VersionCheck {
  const name = /^\$\{([^}]+)\}$/.exec(d.version ?? '')?.[1];
  if (!name || r.edits.length === 0) return r;
  const others = pom.declared.filter((o) => o.version === d.version && o.name !== d.name).map((o) => o.name);
  if (others.length === 0) return r;
  return {
    edits: [],
    problems: [
      {
        code: 'version-older',
        message: `${dep.name} takes its version from \${${name}} (${d.resolved}), older than ${dep.version}, and that property also sets ${[...new Set(others)].join(', ')}: raise it by hand, or give ${dep.name} its own version`,
      },
    ],
  };
}

function render(
  missing: readonly { dep: Dependency; managed: boolean }[],
  indent: string,
  unit: string,
  eol: string,
): string {
  return missing
    .map(({ dep, managed }) => {
      const [group, artifact] = dep.name.split(':');
      const inner = indent + unit;
      return [
        `${indent}<dependency>`,
        `${inner}<groupId>${group}</groupId>`,
        `${inner}<artifactId>${artifact}</artifactId>`,
        ...(managed ? [] : [`${inner}<version>${dep.version}</version>`]),
        `${indent}</dependency>`,
      ]
        .map((l) => l + eol)
        .join('');
    })
    .join('');
}

function insertDependencies(
  text: string,
  pom: Pom,
  missing: readonly { dep: Dependency; managed: boolean }[],
): { edit: TextEdit } | { problem: ManifestProblem } {
  const eol = eolOf(text);
  const unit = indentUnitOf(text, '  ');
  const block = pom.elements.find((e) => e.path === 'project/dependencies');
  if (block) {
    const at = lineStart(text, block.close);
    if (block.close === block.openEnd || text.slice(at, block.close).trim() !== '')
      return {
        problem: {
          code: 'shared-line',
          message: '</dependencies> shares its line with other content; add the dependencies by hand',
        },
      };
    return {
      edit: { start: at, end: at, text: render(missing, indentAt(text, block.close) + unit, unit, eol) },
    };
  }
  const project = pom.elements.find((e) => e.path === 'project');
  if (!project || project.close === project.openEnd)
    return {
      problem: {
        code: 'no-dependency-list',
        message: 'no <project> element found; add the dependencies by hand',
      },
    };
  const at = lineStart(text, project.close);
  if (text.slice(at, project.close).trim() !== '')
    return {
      problem: {
        code: 'shared-line',
        message: '</project> shares its line with other content; add the dependencies by hand',
      },
    };
  const body = `${unit}<dependencies>${eol}${render(missing, unit + unit, unit, eol)}${unit}</dependencies>${eol}`;
  return { edit: { start: at, end: at, text: body } };
}
