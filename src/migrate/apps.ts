import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Migrate's manifest list: scan's application manifests plus setup.cfg, which migrate also edits. */
const MANIFEST =
  /^(pom\.xml|build\.gradle(\.kts)?|go\.mod|package\.json|requirements[\w.-]*\.txt|pyproject\.toml|setup\.py|setup\.cfg)$/;

export function isManifest(path: string): boolean {
  return MANIFEST.test(basename(path));
}

/** The manifests directly in an application directory (one listing per migrated application). */
export function manifestsIn(appDir: string): string[] {
  try {
    return readdirSync(appDir)
      .filter(isManifest)
      .sort()
      .map((name) => join(appDir, name));
  } catch {
    return [];
  }
}
