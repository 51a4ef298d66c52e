import { goMod } from './gomod/go-mod.js';
import { buildGradle, buildGradleKts } from './gradle/build-gradle.js';
import { mavenPom } from './maven/pom.js';
import { packageJson } from './npm/package-json.js';
import { pyproject } from './pip/pyproject.js';
import { requirementsTxt } from './pip/requirements.js';
import { setupCfg } from './pip/setup-cfg.js';
import { setupPy } from './pip/setup-py.js';
import type { ManifestModule } from './types.js';

/**
 * The one list of manifest grammars. Application discovery (src/workspace/manifests.ts) and
 * migrate's manifest edits (src/migrate/manifest-plan.ts) both read it, so a file is a manifest for
 * both or for neither.
 */
export const MANIFEST_MODULES: readonly ManifestModule[] = [
  mavenPom,
  buildGradle,
  buildGradleKts,
  goMod,
  requirementsTxt,
  pyproject,
  setupPy,
  setupCfg,
  packageJson,
];

/** Build files that make a directory an application although no module edits them (PHP, C#: no transfer SDK). */
const APPLICATION_ONLY: readonly RegExp[] = [/^composer\.json$/, /\.csproj$/];

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The module that reads and edits this file, by its base name. */
export function manifestModuleFor(path: string): ManifestModule | undefined {
  const name = baseName(path);
  return MANIFEST_MODULES.find((m) => m.filePatterns.some((p) => p.test(name)));
}

/** Whether a file makes its directory an application. */
export function isApplicationManifest(path: string): boolean {
  const name = baseName(path);
  return manifestModuleFor(name) !== undefined || APPLICATION_ONLY.some((p) => p.test(name));
}
