import type { AppKind, EntryPointMemo } from '../model/index.js';

/** What decided an application's kind, for the finding that reports it. */
export interface AppKindVerdict {
  kind: AppKind;
  evidence: string;
}

/** Reads a repository-relative file (undefined when it cannot be read). */
export type ReadRel = (rel: string) => string | undefined;

/**
 * Source files that make a directory an application when nothing in its manifests says so: a program
 * entry point, or a web framework's application object.
 */
const ENTRY_POINT: Partial<Record<string, RegExp>> = {
  go: /^\s*package\s+main\b/m,
  java: /\bstatic\s+(?:final\s+)?void\s+main\s*\(|@SpringBootApplication\b|@QuarkusMain\b/,
  python:
    /^if\s+__name__\s*==\s*['"]__main__['"]\s*:|\b(?:Flask|FastAPI|Sanic|Starlette)\s*\(|\bget_wsgi_application\s*\(|\bget_asgi_application\s*\(/m,
};

/** Python modules whose presence alone makes an application (Django, WSGI/ASGI servers, `python -m pkg`). */
const PYTHON_ENTRY_FILES = /(?:^|\/)(?:__main__|manage|wsgi|asgi)\.py$/;

function fileName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

function isTestSource(rel: string): boolean {
  return (
    /(?:_test\.go|Test\.java|Tests\.java|(?:^|\/)test_[^/]*\.py|_test\.py)$/.test(rel) ||
    /(?:^|\/)(?:src\/test|tests?)\//.test(rel)
  );
}

/** What a package.json says, or undefined when it says nothing either way. */
function fromPackageJson(text: string): AppKindVerdict | undefined {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (pkg.private === true) return { kind: 'application', evidence: 'package.json is private' };
  if (pkg.bin !== undefined) return { kind: 'application', evidence: 'package.json declares a bin' };
  const entry = ['exports', 'main', 'module', 'types'].find((k) => pkg[k] !== undefined);
  if (entry && typeof pkg.name === 'string')
    return { kind: 'library', evidence: `package.json publishes ${pkg.name} with "${entry}"` };
  return undefined;
}

function fromPom(text: string): AppKindVerdict | undefined {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const packaging = /<packaging>\s*(war|ear)\s*<\/packaging>/.exec(xml);
  if (packaging) return { kind: 'application', evidence: `pom.xml packaging is ${packaging[1]}` };
  const plugin =
    /<artifactId>\s*(spring-boot-maven-plugin|quarkus-maven-plugin|exec-maven-plugin)\s*<\/artifactId>/.exec(
      xml,
    );
  if (plugin) return { kind: 'application', evidence: `pom.xml builds with ${plugin[1]}` };
  if (/<mainClass>/.test(xml)) return { kind: 'application', evidence: 'pom.xml names a mainClass' };
  return undefined;
}

function fromGradle(text: string): AppKindVerdict | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const app =
    /\b(?:id\s*\(?\s*['"](application|org\.springframework\.boot|io\.quarkus)['"]|apply\s+plugin\s*:\s*['"](application)['"]|\b(application)\s*(?:\{|$))/m.exec(
      code,
    );
  if (app)
    return { kind: 'application', evidence: `Gradle applies the ${app[1] ?? app[2] ?? app[3]} plugin` };
  if (/\bmainClass\b/.test(code)) return { kind: 'application', evidence: 'Gradle names a mainClass' };
  if (/\bjava-library\b/.test(code))
    return { kind: 'library', evidence: 'Gradle applies the java-library plugin' };
  return undefined;
}

function fromPython(manifest: string, text: string): AppKindVerdict | undefined {
  if (
    /\[project\.scripts\]|\[tool\.poetry\.scripts\]|\bentry_points\s*=|\bconsole_scripts\b|\bscripts\s*=/.test(
      text,
    )
  )
    return { kind: 'application', evidence: `${fileName(manifest)} declares scripts` };
  return undefined;
}

/**
 * Whether the manifests publish a package: a name in setup.py/setup.cfg, or in pyproject.toml when it
 * can be built (a `[build-system]`) or keeps its code in a package directory. A pyproject that only
 * names the project beside top-level modules is how uv and pip-tools applications look (`uv init`
 * writes no build system for an application), and Poetry's `package-mode = false` says so outright.
 */
function publishesPythonPackage(texts: Map<string, string>, programs: readonly string[]): string | undefined {
  for (const [m, t] of texts) {
    const n = fileName(m);
    if (n === 'setup.py' && /\bname\s*=/.test(t)) return m;
    if (n === 'setup.cfg' && /^\s*name\s*=/m.test(t)) return m;
    if (n !== 'pyproject.toml' || !/^\s*\[(?:project|tool\.poetry)\]/m.test(t) || !/^\s*name\s*=/m.test(t))
      continue;
    if (/^\s*package-mode\s*=\s*false\b/m.test(t)) continue;
    const dir = m.includes('/') ? m.slice(0, m.lastIndexOf('/') + 1) : '';
    const inPackage = programs.some(
      (s) => s.endsWith('.py') && s.startsWith(dir) && s.slice(dir.length).includes('/'),
    );
    if (/^\s*\[build-system\]/m.test(t) || inPackage) return m;
  }
  return undefined;
}

/**
 * Application or library: a library is published for others to call (no program of its own), so its
 * code must not read the instance settings deep inside, its public types must not change silently,
 * and its manifest takes ranges, not pins. Manifests decide first; then the sources (a `main`, a web
 * application object); a module with neither is a library when its manifest publishes it or, for Go
 * and Java, when no source of it is a program.
 */
export function appKind(
  manifests: readonly string[],
  sources: readonly string[],
  read: ReadRel,
  memo?: EntryPointMemo,
): AppKindVerdict {
  const texts = new Map<string, string>();
  for (const m of manifests) {
    const t = read(m);
    if (t !== undefined) texts.set(m, t);
  }
  for (const [m, t] of texts) {
    const n = fileName(m);
    const said =
      n === 'package.json'
        ? fromPackageJson(t)
        : n === 'pom.xml'
          ? fromPom(t)
          : n.startsWith('build.gradle')
            ? fromGradle(t)
            : n === 'pyproject.toml' || n === 'setup.py' || n === 'setup.cfg'
              ? fromPython(m, t)
              : undefined;
    if (said) return said;
  }
  const programs = sources.filter((s) => !isTestSource(s));
  const pyEntry = programs.find((s) => PYTHON_ENTRY_FILES.test(s));
  if (pyEntry) return { kind: 'application', evidence: `${pyEntry} is an entry point` };
  for (const s of programs) {
    const lang = s.endsWith('.go') ? 'go' : s.endsWith('.java') ? 'java' : s.endsWith('.py') ? 'python' : '';
    const pattern = ENTRY_POINT[lang];
    if (!pattern) continue;
    let entry = memo?.get(s);
    if (entry === undefined) {
      const text = read(s);
      if (text === undefined) continue;
      entry = pattern.test(text);
      memo?.set(s, entry);
    }
    if (entry) return { kind: 'application', evidence: `${s} is an entry point` };
  }
  const names = [...texts.keys()].map(fileName);
  const published = publishesPythonPackage(texts, programs);
  if (published) return { kind: 'library', evidence: `${published} publishes a package with no entry point` };
  if (names.includes('go.mod')) return { kind: 'library', evidence: 'no package main in the Go module' };
  if (names.some((n) => n === 'pom.xml' || n.startsWith('build.gradle')))
    return { kind: 'library', evidence: 'no main class and no application plugin' };
  return { kind: 'application', evidence: 'no manifest publishes it' };
}
