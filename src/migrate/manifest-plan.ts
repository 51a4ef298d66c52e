import { basename, dirname } from 'node:path';
import type { TextEdit } from '../model/edit.js';
import { toolVersion } from '../cli/version.js';
import {
  type Dependency,
  editManifest,
  loadVersionTable,
  manifestEcosystem,
  NEED_PACKAGES,
  versionOf,
} from '../manifests/index.js';
import type { TransferNeed } from './rewriter.js';

export interface ManifestChangePlan {
  path: string;
  edits: TextEdit[];
  problems: string[];
}

/** Requirement files for development tools are left alone. */
function isRuntimeManifest(path: string): boolean {
  const name = basename(path);
  return !/^requirements[\w.-]*(dev|test|doc|lint)[\w.-]*\.txt$/i.test(name);
}

/**
 * The dependencies to add for each need, with versions from the toolchains table (overridable).
 * Missing versions come back as problems, never as guesses.
 */
export async function resolveDependencies(
  needs: ReadonlySet<TransferNeed>,
  overrides: Record<string, string> = {},
): Promise<{ deps: Dependency[]; problems: string[] }> {
  const deps: Dependency[] = [];
  const problems: string[] = [];
  let table: Record<string, string> = {};
  let tableError: string | undefined;
  try {
    table = await loadVersionTable();
  } catch (err) {
    tableError = (err as Error).message;
  }
  for (const need of needs) {
    const { ecosystem, names } = NEED_PACKAGES[need];
    for (const name of names) {
      const version =
        overrides[name] ?? overrides[`${ecosystem}:${name}`] ?? (name === 'kms-codemod' ? toolVersion() : versionOf(table, ecosystem, name));
      if (!version) {
        problems.push(
          tableError
            ? `no version for ${name}: the SDK version table (src/toolchains/sdk-versions.ts) could not be loaded (${tableError}); pass --versions ${name}=<version>`
            : `no version for ${name} in src/toolchains/sdk-versions.ts; pass --versions ${name}=<version>`,
        );
        continue;
      }
      deps.push({ ecosystem, name, version });
    }
  }
  return { deps, problems };
}

/** Picks, per app directory, the manifests of each ecosystem the rewritten files need. */
export function manifestsFor(appDir: string, manifests: readonly string[], deps: readonly Dependency[]): string[] {
  const ecosystems = new Set(deps.map((d) => d.ecosystem));
  return manifests.filter((m) => dirname(m) === appDir && isRuntimeManifest(m) && ecosystems.has(manifestEcosystem(m) ?? ('' as never)));
}

export function planManifest(path: string, text: string, deps: readonly Dependency[]): ManifestChangePlan {
  const eco = manifestEcosystem(path);
  const mine = deps.filter((d) => d.ecosystem === eco);
  const { edits, problems } = editManifest(path, text, mine);
  return { path, edits, problems };
}
