import { basename, dirname } from 'node:path';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import {
  type Dependency,
  editManifest,
  manifestEcosystem,
  NEED_PACKAGES,
  versionOf,
} from '../manifests/index.js';
import type { TextEdit } from '../model/edit.js';

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

/** The dependencies to add for each need; a package without a version comes back as a problem, never a guess. */
export function resolveDependencies(
  needs: ReadonlySet<TransferNeed>,
  overrides: Record<string, string> = {},
): { deps: Dependency[]; problems: string[] } {
  const deps: Dependency[] = [];
  const problems: string[] = [];
  for (const need of needs) {
    const { ecosystem, names } = NEED_PACKAGES[need];
    for (const name of names) {
      const version = versionOf(ecosystem, name, overrides);
      if (version) deps.push({ ecosystem, name, version });
      else
        problems.push(
          `no version for ${name} in src/toolchains/sdk-versions.ts; pass --versions ${name}=<version>`,
        );
    }
  }
  return { deps, problems };
}

/** Picks, per app directory, the manifests of each ecosystem the rewritten files need. */
export function manifestsFor(
  appDir: string,
  manifests: readonly string[],
  deps: readonly Dependency[],
): string[] {
  const ecosystems = new Set(deps.map((d) => d.ecosystem));
  return manifests.filter(
    (m) =>
      dirname(m) === appDir && isRuntimeManifest(m) && ecosystems.has(manifestEcosystem(m) ?? ('' as never)),
  );
}

export function planManifest(path: string, text: string, deps: readonly Dependency[]): ManifestChangePlan {
  const eco = manifestEcosystem(path);
  const mine = deps.filter((d) => d.ecosystem === eco);
  const { edits, problems } = editManifest(path, text, mine);
  return { path, edits, problems };
}
