import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { manifestModuleFor } from '../manifests/index.js';

/** The manifests directly in an application directory that a manifest module edits (one listing per migrated application). */
export function manifestsIn(appDir: string): string[] {
  try {
    return readdirSync(appDir)
      .filter((name) => manifestModuleFor(name) !== undefined)
      .sort()
      .map((name) => join(appDir, name));
  } catch {
    return [];
  }
}
