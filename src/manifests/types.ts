import type { TextEdit } from '../model/edit.js';

/** The registry a dependency comes from (Gradle and Maven share Maven's). */
export type Ecosystem = 'maven' | 'pypi' | 'go' | 'npm';

/** A dependency the rewritten code needs. */
export interface Dependency {
  ecosystem: Ecosystem;
  /** Maven `group:artifact`, PyPI project name, Go module path, npm package name. */
  name: string;
  /** The minimum that works: the version of src/toolchains/sdk-versions.ts (or `--versions`). */
  version: string;
}

/** Where a declaration sits, as the manifest's own grammar puts it. */
export type DeclaredScope =
  /** The project's own runtime dependencies: the only ones that count as present. */
  | 'main'
  /** Declared, but not on the main code's compile/runtime path (Maven test/runtime, Gradle testImplementation, a Poetry group, npm devDependencies). */
  | 'test'
  /** An optional extra (PEP 621 optional-dependencies, setup.py extras_require, Poetry optional). */
  | 'optional'
  /** A version is managed here, nothing is declared (Maven dependencyManagement, a Gradle version catalog). */
  | 'managed'
  /** Declared only under a condition (a Maven profile) or for the build itself (pluginManagement, plugins). */
  | 'other';

/** A text span with the text extract saw there; an edit is made only where the text is still the same. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One declared dependency as `extract` read it. */
export interface Declared {
  name: string;
  scope: DeclaredScope;
  /** The extra or group it belongs to (`scope` optional or test), when the manifest names one. */
  group?: string;
  /** The version or range as written (`0.2.2`, `>=1,<2`, `${kms.version}`, `v0.1.9`); absent when none is. */
  version?: string;
  /** The span of that version text (a property's value, when resolved through one). */
  versionSpan?: Span;
  /** The version after resolving properties, when that was possible. */
  resolved?: string;
  /** The span of a scope/configuration word that keeps it off the main path (Maven `<scope>test</scope>`). */
  scopeSpan?: Span;
  /** The whole declaration. */
  span: Span;
}

/** What `extract` returns: the declarations, and what it could not read. */
export interface Extraction {
  declared: Declared[];
  problems: ManifestProblem[];
  /** Named values a declaration may refer to (Maven properties), with their spans. */
  properties?: Record<string, Span>;
}

/**
 * Why a manifest was not (fully) edited. The caller adds the manifest's path once; the message never
 * names the file. `refuses` codes mean a needed dependency could not be added: the application's
 * source is then not rewritten either (src/migrate/manifest-plan.ts).
 */
export interface ManifestProblem {
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  | 'unreadable'
  | 'no-dependency-list'
  | 'shared-line'
  | 'changed-since-extract'
  | 'hash-checking'
  | 'dynamic-dependencies'
  | 'version-unjudged'
  | 'version-older'
  | 'range-excludes-minimum'
  | 'regenerate-lock'
  | 'optional-not-declared';

/**
 * The problems that hold the whole application back: the manifest declares dependencies but could not
 * take the new ones. (`no-dependency-list` does too, when no manifest of the ecosystem took them.)
 */
export const REFUSING: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'unreadable',
  'shared-line',
  'changed-since-extract',
  'hash-checking',
]);

export interface ManifestEdit {
  edits: TextEdit[];
  problems: ManifestProblem[];
}

/** How a dependency is to be added. */
export interface AddOptions {
  /** A library's manifest takes a range (`>=`) where its grammar has one, never a pin. */
  library?: boolean;
  /**
   * The code imports these dependencies only optionally (a Python `try: import ... except ImportError`):
   * they go where the legacy package is declared (its extra), never into the mandatory list.
   */
  optional?: boolean;
  /** The packages the rewrite replaces: an optional dependency joins the extra that declares them. */
  replaces?: readonly string[];
  /** What an earlier `extract` of this text saw: when the text no longer matches, nothing is edited. */
  seen?: Extraction;
  /** Extractions of related files (a parent POM, a Gradle version catalog), from `related`. */
  related?: readonly RelatedExtraction[];
}

export interface RelatedExtraction {
  /** Path relative to the manifest's directory, `/` separators (`../pom.xml`). */
  path: string;
  role: 'parent' | 'catalog' | 'source';
  extraction: Extraction;
}

export interface RelatedFile {
  path: string;
  role: RelatedExtraction['role'];
  extract(text: string): Extraction;
}

/**
 * One manifest grammar: which files it reads, how it reads them, how it adds to them. Both the
 * workspace's application discovery and migrate's manifest edits come from the list of these
 * (src/manifests/registry.ts).
 */
export interface ManifestModule {
  /** Short id (`maven-pom`, `gomod`), for messages and docs. */
  id: string;
  ecosystem: Ecosystem;
  /** File names this module reads (matched against the base name). */
  filePatterns: readonly RegExp[];
  /** Files the decision also depends on (relative to the manifest's directory), with how to read each. */
  related?(text: string): RelatedFile[];
  extract(text: string): Extraction;
  add(text: string, deps: readonly Dependency[], options?: AddOptions): ManifestEdit;
}
