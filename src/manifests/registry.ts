import { baseName } from './file-patterns.js';
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
 * The one list of manifest grammars. Migrate's manifest edits (src/migrate/manifest-plan.ts) read it;
 * application discovery (src/workspace/manifests.ts) reads their file patterns, which each module takes
 * from `MANIFEST_FILE_PATTERNS`, so a file is a manifest for both or for neither.
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

/** The module that reads and edits this file, by its base name. */
export function manifestModuleFor(path: string): ManifestModule | undefined {
  const name = baseName(path);
  return MANIFEST_MODULES.find((m) => m.filePatterns.some((p) => p.test(name)));
}
