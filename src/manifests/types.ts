import type { TextEdit } from '../model/edit.js';

export type Ecosystem = 'maven' | 'pypi' | 'go' | 'npm';

export interface Dependency {
  ecosystem: Ecosystem;
  /** Maven `group:artifact`, PyPI project name, Go module path, npm package name. */
  name: string;
  version: string;
}

export interface ManifestEdit {
  edits: TextEdit[];
  /** Dependencies this manifest could not take, with why (reported, never guessed). */
  problems: string[];
}

/** Adds the dependencies a manifest lacks, as offset splices (never a re-print). */
export type ManifestEditor = (text: string, deps: readonly Dependency[]) => ManifestEdit;
