import type { TextEdit } from '../../model/edit.js';
import { MANIFEST_FILE_PATTERNS } from '../file-patterns.js';
import { checkVersion, staleAgainst } from '../splice.js';
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
import { extractCatalog, readGradle } from './read-gradle.js';

/** Where Gradle looks for the default catalog: `gradle/` of the root project, at or above this build. */
const CATALOG_PATHS = [
  'gradle/libs.versions.toml',
  '../gradle/libs.versions.toml',
  '../../gradle/libs.versions.toml',
];

function gradleModule(kotlin: boolean): ManifestModule {
  return {
    id: kotlin ? 'gradle-kts' : 'gradle',
    ecosystem: 'maven',
    filePatterns: kotlin ? MANIFEST_FILE_PATTERNS.gradleKts : MANIFEST_FILE_PATTERNS.gradle,
    related: (text) =>
      /\blibs\./.test(text)
        ? CATALOG_PATHS.map((path) => ({ path, role: 'catalog' as const, extract: extractCatalog }))
        : [],
    extract(text) {
      const { declared, problems } = readGradle(text);
      return { declared, problems };
    },
    add: (text, deps, options) => addToGradle(text, deps, kotlin, options),
  };
}

/**
 * build.gradle and build.gradle.kts. Present means an `implementation`/`api`/`compile` line of the
 * top-level block, in any notation; one through the version catalog counts when the nearest catalog
 * maps its accessor to the module. A new line uses the catalog's accessor when the catalog has the
 * module, else `group:artifact:version`.
 */
export const buildGradle = gradleModule(false);
export const buildGradleKts = gradleModule(true);

function addToGradle(
  text: string,
  deps: readonly Dependency[],
  kotlin: boolean,
  options: AddOptions = {},
): ManifestEdit {
  const stale = staleAgainst(text, options.seen);
  if (stale) return { edits: [], problems: [stale] };
  const gradle = readGradle(text);
  const catalog = options.related?.find((r) => r.role === 'catalog');
  const byAccessor = new Map((catalog?.extraction.declared ?? []).map((d) => [d.group ?? '', d]));
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  const lines: string[] = [];
  const q = kotlin || /implementation\s*\(?\s*"/.test(text) ? '"' : "'";
  for (const dep of deps) {
    const own = gradle.declared.find((d) => d.scope === 'main' && d.name === dep.name);
    if (own) {
      const r = checkVersion(text, dep, own, mavenClauses);
      edits.push(...r.edits);
      problems.push(...r.problems);
      continue;
    }
    const viaCatalog = gradle.declared.find(
      (d) => d.scope === 'main' && d.group === 'catalog' && byAccessor.get(d.name)?.name === dep.name,
    );
    const entry = viaCatalog && (byAccessor.get(viaCatalog.name) as Declared);
    if (entry) {
      problems.push(...checkVersion('', dep, entry, mavenClauses, dep.version, catalog?.path).problems);
      continue;
    }
    const listed = [...byAccessor.values()].find((d) => d.name === dep.name);
    const notation = listed?.group ?? `${q}${dep.name}:${dep.version}${q}`;
    lines.push(kotlin ? `implementation(${notation.replace(/'/g, '"')})` : `implementation ${notation}`);
    if (listed)
      problems.push(...checkVersion('', dep, listed, mavenClauses, dep.version, catalog?.path).problems);
  }
  if (lines.length === 0) return { edits, problems };
  const inserted = insertLines(text, gradle.block, lines);
  if ('problem' in inserted) return { edits: [], problems: [inserted.problem] };
  return { edits: [...edits, inserted.edit], problems };
}

function insertLines(
  text: string,
  block: { close: number } | undefined,
  lines: string[],
): { edit: TextEdit } | { problem: ManifestProblem } {
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  if (block) {
    const at = lineStart(text, block.close);
    if (text.slice(at, block.close).trim() !== '')
      return {
        problem: {
          code: 'shared-line',
          message: 'the dependencies block closes on a line with other content; add the dependencies by hand',
        },
      };
    const indent = indentAt(text, block.close) + unit;
    return { edit: { start: at, end: at, text: lines.map((l) => indent + l + eol).join('') } };
  }
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return {
    edit: {
      start: text.length,
      end: text.length,
      text: `${lead}${eol}dependencies {${eol}${lines.map((l) => unit + l + eol).join('')}}${eol}`,
    },
  };
}
