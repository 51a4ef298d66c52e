import { basename } from 'node:path';
import { editGoMod } from './gomod/go-mod.js';
import { editGradle } from './gradle/build-gradle.js';
import { editPom } from './maven/pom.js';
import { editPackageJson } from './npm/package-json.js';
import { editPyproject } from './pip/pyproject.js';
import { editRequirements } from './pip/requirements.js';
import { editSetupCfg } from './pip/setup-cfg.js';
import { editSetupPy } from './pip/setup-py.js';
import type { Dependency, Ecosystem, ManifestEdit } from './types.js';

export { NEED_PACKAGES } from './needs.js';
export type { Dependency, Ecosystem, ManifestEdit } from './types.js';
export { versionOf } from './versions.js';

/** The ecosystem a manifest file serves, or undefined when it is not a manifest we edit. */
export function manifestEcosystem(path: string): Ecosystem | undefined {
  const name = basename(path);
  if (name === 'pom.xml' || name === 'build.gradle' || name === 'build.gradle.kts') return 'maven';
  if (
    /^requirements[\w.-]*\.txt$/.test(name) ||
    name === 'pyproject.toml' ||
    name === 'setup.py' ||
    name === 'setup.cfg'
  )
    return 'pypi';
  if (name === 'go.mod') return 'go';
  if (name === 'package.json') return 'npm';
  return undefined;
}

/** Adds the missing dependencies to one manifest, by its file name. */
export function editManifest(path: string, text: string, deps: readonly Dependency[]): ManifestEdit {
  const name = basename(path);
  if (name === 'pom.xml') return editPom(text, deps);
  if (name === 'build.gradle') return editGradle(text, deps, false);
  if (name === 'build.gradle.kts') return editGradle(text, deps, true);
  if (/^requirements[\w.-]*\.txt$/.test(name)) return editRequirements(text, deps);
  if (name === 'pyproject.toml') return editPyproject(text, deps);
  if (name === 'setup.py') return editSetupPy(text, deps);
  if (name === 'setup.cfg') return editSetupCfg(text, deps);
  if (name === 'go.mod') return editGoMod(text, deps);
  if (name === 'package.json') return editPackageJson(text, deps);
  return { edits: [], problems: [] };
}
