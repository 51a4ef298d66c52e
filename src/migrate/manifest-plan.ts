import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import {
  type AddOptions,
  type Dependency,
  type Ecosystem,
  type ManifestProblem,
  manifestModuleFor,
  NEED_PACKAGES,
  REFUSING,
  type RelatedExtraction,
  versionOf,
} from '../manifests/index.js';
import type { TextEdit } from '../model/edit.js';

export interface ManifestChangePlan {
  path: string;
  edits: TextEdit[];
  problems: ManifestProblem[];
}

/** How an application takes its dependencies (from scan's kind and the rewritten imports). */
export interface DependencyStyle {
  library: boolean;
  /** Needs whose every import in the rewritten code is optional (Python `try: ... except ImportError`). */
  optionalNeeds: ReadonlySet<TransferNeed>;
}

/** Requirement files for development tools are left alone. */
function isRuntimeManifest(path: string): boolean {
  const name = basename(path);
  return !/^requirements[\w.-]*(dev|test|doc|lint)[\w.-]*\.(txt|in)$/i.test(name);
}

/** The dependencies to add for each need; a package without a version comes back as a problem, never a guess. */
export function resolveDependencies(
  needs: ReadonlySet<TransferNeed>,
  overrides: Record<string, string> = {},
): { deps: (Dependency & { need: TransferNeed })[]; problems: string[] } {
  const deps: (Dependency & { need: TransferNeed })[] = [];
  const problems: string[] = [];
  for (const need of needs) {
    const { ecosystem, names } = NEED_PACKAGES[need];
    for (const name of names) {
      const version = versionOf(ecosystem, name, overrides);
      if (version && !deps.some((d) => d.ecosystem === ecosystem && d.name === name))
        deps.push({ ecosystem, name, version, need });
      else if (!version)
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
  return manifests.filter((m) => {
    const mod = manifestModuleFor(m);
    return (
      dirname(m) === appDir && isRuntimeManifest(m) && mod !== undefined && ecosystems.has(mod.ecosystem)
    );
  });
}

/** The first existing file of each related role (a parent POM, the nearest version catalog), extracted. */
function relatedOf(path: string, text: string): RelatedExtraction[] {
  const mod = manifestModuleFor(path);
  const out: RelatedExtraction[] = [];
  for (const r of mod?.related?.(text) ?? []) {
    if (out.some((o) => o.role === r.role)) continue;
    const abs = join(dirname(path), r.path);
    if (!existsSync(abs)) continue;
    try {
      out.push({ path: r.path, role: r.role, extraction: r.extract(readFileSync(abs, 'utf8')) });
    } catch {
      // unreadable related file: decided without it, as when it does not exist
    }
  }
  return out;
}

/** One manifest's edits: extract, then add at the recorded offsets (refused when the text moved). */
export function planManifest(
  path: string,
  text: string,
  deps: readonly (Dependency & { need?: TransferNeed })[],
  style: DependencyStyle = { library: false, optionalNeeds: new Set() },
): ManifestChangePlan {
  const mod = manifestModuleFor(path);
  if (!mod) return { path, edits: [], problems: [] };
  const mine = deps.filter((d) => d.ecosystem === mod.ecosystem);
  const seen = mod.extract(text);
  if (seen.problems.length > 0) return { path, edits: [], problems: seen.problems };
  const related = relatedOf(path, text);
  // Mandatory and optional needs are added in two passes: they may go to different lists.
  const groups = new Map<boolean, typeof mine>();
  for (const d of mine) {
    const optional = d.need !== undefined && style.optionalNeeds.has(d.need);
    groups.set(optional, [...(groups.get(optional) ?? []), d]);
  }
  const edits: TextEdit[] = [];
  const problems: ManifestProblem[] = [];
  for (const [optional, group] of groups) {
    const options: AddOptions = {
      library: style.library,
      optional,
      replaces: [...new Set(group.flatMap((d) => (d.need ? NEED_PACKAGES[d.need].replaces : [])))],
      seen,
      related,
    };
    const r = mod.add(text, group, options);
    edits.push(...r.edits);
    problems.push(...r.problems);
  }
  return { path, edits, problems };
}

/** A refused manifest: the whole application is left as it was. */
export interface ManifestRefusal {
  path: string;
  problem: ManifestProblem;
}

/**
 * The refusals among an application's manifest plans: a problem that means a needed dependency could
 * not be added to a manifest that declares dependencies, or, for an ecosystem, no manifest of the
 * application that lists dependencies at all.
 */
export function refusalsOf(plans: readonly ManifestChangePlan[]): ManifestRefusal[] {
  const out: ManifestRefusal[] = [];
  const byEcosystem = new Map<Ecosystem, ManifestChangePlan[]>();
  for (const p of plans) {
    for (const problem of p.problems) if (REFUSING.has(problem.code)) out.push({ path: p.path, problem });
    const eco = manifestModuleFor(p.path)?.ecosystem;
    if (eco) byEcosystem.set(eco, [...(byEcosystem.get(eco) ?? []), p]);
  }
  for (const list of byEcosystem.values()) {
    const none = list.every((p) => p.problems.some((q) => q.code === 'no-dependency-list'));
    if (none)
      for (const p of list)
        for (const problem of p.problems)
          if (problem.code === 'no-dependency-list') out.push({ path: p.path, problem });
  }
  return out;
}
