import { isApplicationManifest } from '../manifests/file-patterns.js';

/**
 * Build manifests that make a directory an application: every file a manifest module reads
 * (src/manifests/registry.ts, the same list migrate edits with), plus composer.json and *.csproj so
 * PHP and C# applications get their own verdict.
 */
export function isManifest(name: string): boolean {
  return isApplicationManifest(name);
}
