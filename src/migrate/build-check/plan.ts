import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { findExecutable } from '../../toolchains/find-executable.js';
import { PYTHON_CHECK } from './python-check.js';
import type { BuildLanguage, BuildOptions, BuildPlan, BuildTool } from './types.js';

function isExecutable(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function tool(options: BuildOptions, name: BuildTool, names: string[] = [name]): string | undefined {
  return options.tools?.[name] ?? findExecutable(names);
}

/** `go build ./... && go vet ./...`; `-mod=mod` lets Go record the new modules in go.sum, as `go mod tidy` would. */
function goPlan(app: string, options: BuildOptions): BuildPlan {
  if (!existsSync(join(app, 'go.mod'))) return { skip: 'no go.mod in the application directory' };
  const go = tool(options, 'go');
  if (!go) return { skip: 'go is not on PATH' };
  const touches = [join(app, 'go.mod'), join(app, 'go.sum')];
  return {
    steps: [
      { cmd: go, args: ['build', '-mod=mod', './...'], touches },
      { cmd: go, args: ['vet', '-mod=mod', './...'], touches },
    ],
  };
}

/** `mvn -q compile` (the project's `mvnw` first) or `gradle compileJava` (`gradlew` first). */
function javaPlan(app: string, options: BuildOptions): BuildPlan {
  if (existsSync(join(app, 'pom.xml'))) {
    const mvn = isExecutable(join(app, 'mvnw')) ? join(app, 'mvnw') : tool(options, 'mvn');
    return mvn ? { steps: [{ cmd: mvn, args: ['-q', '-B', 'compile'] }] } : { skip: 'mvn is not on PATH' };
  }
  if (existsSync(join(app, 'build.gradle')) || existsSync(join(app, 'build.gradle.kts'))) {
    const gradle = isExecutable(join(app, 'gradlew')) ? join(app, 'gradlew') : tool(options, 'gradle');
    return gradle
      ? { steps: [{ cmd: gradle, args: ['-q', 'compileJava'] }] }
      : { skip: 'gradle is not on PATH' };
  }
  return { skip: 'no pom.xml or build.gradle in the application directory' };
}

/** The application's own virtualenv first, then the active one, then PATH. */
function pythonOf(app: string, options: BuildOptions): string | undefined {
  if (options.tools?.python) return options.tools.python;
  const venv = options.env?.VIRTUAL_ENV ?? process.env.VIRTUAL_ENV;
  for (const candidate of [
    join(app, '.venv', 'bin', 'python'),
    join(app, 'venv', 'bin', 'python'),
    ...(venv ? [join(venv, 'bin', 'python')] : []),
  ])
    if (isExecutable(candidate)) return candidate;
  return findExecutable(['python3', 'python']);
}

function pythonPlan(app: string, files: string[], options: BuildOptions): BuildPlan {
  const python = pythonOf(app, options);
  if (!python) return { skip: 'no python3 found' };
  const rel = files.map((f) => relative(app, f));
  return { steps: [{ cmd: python, args: ['-c', PYTHON_CHECK, ...rel] }] };
}

/** The project's own `node_modules/.bin/tsc`, looked up from the application towards the root. */
function localTsc(app: string): string | undefined {
  for (let dir = app; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', 'tsc');
    if (isExecutable(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `tsc --noEmit` when the application has a tsconfig.json; `node --check` on JavaScript otherwise. */
function typescriptPlan(app: string, files: string[], options: BuildOptions): BuildPlan {
  if (existsSync(join(app, 'tsconfig.json'))) {
    const tsc = options.tools?.tsc ?? localTsc(app) ?? findExecutable(['tsc']);
    return tsc
      ? { steps: [{ cmd: tsc, args: ['--noEmit', '-p', 'tsconfig.json'] }] }
      : { skip: 'no TypeScript compiler (node_modules/.bin/tsc) found: npm install first' };
  }
  const js = files.filter((f) => /\.[cm]?jsx?$/.test(f) && !f.endsWith('.jsx'));
  if (js.length === 0) return { skip: 'no tsconfig.json in the application directory' };
  const node = options.tools?.node ?? process.execPath;
  return { steps: js.map((f) => ({ cmd: node, args: ['--check', relative(app, f)] })) };
}

/** The check one application gets for the source files migrate changed in `language`. */
export function buildPlan(
  app: string,
  language: BuildLanguage,
  files: string[],
  options: BuildOptions,
): BuildPlan {
  switch (language) {
    case 'go':
      return goPlan(app, options);
    case 'java':
      return javaPlan(app, options);
    case 'python':
      return pythonPlan(app, files, options);
    case 'typescript':
      return typescriptPlan(app, files, options);
  }
}
