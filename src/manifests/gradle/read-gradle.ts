import { parseToml } from '../parsers.js';
import type { Declared, DeclaredScope, Extraction } from '../types.js';
import { topLevelDependencies, withoutComments } from './dependencies-block.js';

/** Configurations whose dependencies the main code compiles and runs with. */
const MAIN = new Set(['implementation', 'api', 'compile']);
const TEST = /^(test|androidTest|integrationTest)|^runtimeOnly$|^runtime$/;

function scopeOf(configuration: string): DeclaredScope {
  if (MAIN.has(configuration)) return 'main';
  return TEST.test(configuration) ? 'test' : 'other';
}

const CONF = String.raw`^[ \t]*(\w+)[ \t]*\(?[ \t]*`;
/** `implementation 'g:a:v'`, `implementation("g:a:v")`. */
const STRING_NOTATION = new RegExp(`${CONF}(['"])([\\w.-]+):([\\w.-]+)(?::([^'"@:]+))?[^'"]*\\2`, 'gm');
/** `implementation group: 'g', name: 'a', version: 'v'` and the Kotlin `group = "g", ...` form. */
const MAP_NOTATION = new RegExp(
  `${CONF}group[ \\t]*[:=][ \\t]*(['"])([\\w.-]+)\\2[ \\t]*,[ \\t]*name[ \\t]*[:=][ \\t]*(['"])([\\w.-]+)\\4(?:[ \\t]*,[ \\t]*version[ \\t]*[:=][ \\t]*(['"])([^'"]+)\\6)?`,
  'gm',
);
/** `implementation libs.kms.transfer` / `implementation(libs.kms.transfer)`: a version catalog accessor. */
const CATALOG = new RegExp(`${CONF}(libs\\.[\\w.]+)`, 'gm');

export interface Gradle extends Extraction {
  block?: { open: number; close: number };
}

/**
 * build.gradle / build.gradle.kts, text-based (a Groovy or Kotlin program that only Gradle can run):
 * the top-level `dependencies { }` block, in string, map and version-catalog notation. A version
 * from a variable (`$kmsVersion`) is declared but not judged; nested blocks (`subprojects`,
 * `buildscript`) are not the project's own.
 */
export function readGradle(text: string): Gradle {
  const block = topLevelDependencies(text);
  const out: Gradle = { declared: [], problems: [], ...(block ? { block } : {}) };
  if (!block) return out;
  const code = withoutComments(text).slice(0, block.close);
  const push = (
    m: RegExpMatchArray,
    name: string,
    version: string | undefined,
    versionAt: number,
    group?: string,
  ) => {
    const start = m.index ?? 0;
    if (start < block.open) return;
    out.declared.push({
      name,
      scope: scopeOf(m[1]),
      ...(group ? { group } : {}),
      ...(version !== undefined
        ? { version, versionSpan: { start: versionAt, end: versionAt + version.length, text: version } }
        : {}),
      span: { start, end: start + m[0].length, text: m[0] },
    });
  };
  for (const m of code.matchAll(STRING_NOTATION)) {
    const v = m[5];
    const at = v === undefined ? -1 : (m.index ?? 0) + m[0].lastIndexOf(`:${v}`) + 1;
    push(m, `${m[3]}:${m[4]}`, v, at);
  }
  for (const m of code.matchAll(MAP_NOTATION)) {
    const v = m[7];
    const at = v === undefined ? -1 : (m.index ?? 0) + m[0].lastIndexOf(v);
    push(m, `${m[3]}:${m[5]}`, v, at);
  }
  for (const m of code.matchAll(CATALOG)) push(m, m[2], undefined, -1, 'catalog');
  out.declared.sort((a, b) => a.span.start - b.span.start);
  return out;
}

type Table = Record<string, unknown>;

/**
 * gradle/libs.versions.toml (smol-toml): each library as scope `managed`, its accessor
 * (`libs.kms.transfer` for alias `kms-transfer`) as its group, its version resolved through
 * `[versions]`.
 */
export function extractCatalog(text: string): Extraction {
  let data: Table;
  try {
    data = parseToml(text);
  } catch (err) {
    return {
      declared: [],
      problems: [
        {
          code: 'unreadable',
          message: `version catalog is not valid TOML (${(err as Error).message.split('\n')[0]})`,
        },
      ],
    };
  }
  const versions = (data.versions ?? {}) as Table;
  const declared: Declared[] = [];
  for (const [alias, lib] of Object.entries((data.libraries ?? {}) as Table)) {
    const accessor = `libs.${alias.replace(/[-_]/g, '.')}`;
    const entry = typeof lib === 'string' ? { module: lib } : (lib as Table);
    const [g, a, inline] = String(entry.module ?? `${entry.group}:${entry.name}`).split(':');
    const v = entry.version;
    const ref = typeof v === 'object' && v ? (v as Table).ref : entry['version.ref'];
    const version =
      inline ??
      (typeof v === 'string'
        ? v
        : typeof ref === 'string'
          ? (versions[ref] as string | undefined)
          : undefined);
    declared.push({
      name: `${g}:${a}`,
      scope: 'managed',
      group: accessor,
      ...(typeof version === 'string' ? { version } : {}),
      span: { start: 0, end: 0, text: '' },
    });
  }
  return { declared, problems: [] };
}
