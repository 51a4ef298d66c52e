import { SDK_VERSIONS, UNAVAILABLE_PACKAGES } from '../toolchains/sdk-versions.js';
import type { Ecosystem } from './types.js';

const BY_ECOSYSTEM: Record<Ecosystem, keyof typeof SDK_VERSIONS> = {
  maven: 'maven',
  pypi: 'pypi',
  go: 'go',
  npm: 'npm',
};

/**
 * The version `migrate` writes into a manifest: an override (`name` or `ecosystem:name`) or the ONE
 * SDK table in src/toolchains/sdk-versions.ts (the versions the tests install and compile against).
 */
export function versionOf(
  ecosystem: Ecosystem,
  name: string,
  overrides: Record<string, string> = {},
): string | undefined {
  return (
    overrides[`${ecosystem}:${name}`] ??
    overrides[name] ??
    SDK_VERSIONS[BY_ECOSYSTEM[ecosystem]][name] ??
    // Published by the vendor but not installable in this build's registries: still the right pin for users.
    UNAVAILABLE_PACKAGES.find((p) => p.ecosystem === ecosystem && p.name === name)?.version
  );
}
