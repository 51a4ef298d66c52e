import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import type { Language } from '../../model/language.js';
import type { InstanceSettings } from './settings.js';

/** The SDK a rewritten file now needs, so the manifest step adds the right packages. */
export type TransferNeed =
  | 'java-transfer'
  | 'python-transfer'
  | 'go-transfer'
  | 'node-transfer'
  | 'python-kms-sdk'
  | 'java-kms-sdk'
  | 'go-kms-sdk';

export interface RewriteInput {
  /** Repository-relative path, `/` separators. */
  file: string;
  text: string;
  language: Language;
  settings: InstanceSettings;
  /** Go: another file of the same package builds a transfer client, so `*kms.Client` types change here too. */
  goPackageMigrates?: boolean;
  /**
   * The clients scan reported as legacy KMS clients in this file. When set, a rewriter rewrites only
   * constructions that `isTarget` accepts; when absent (an editor buffer, jscodeshift), every
   * construction the rewriter recognises is rewritten.
   */
  targets?: ClientTargets;
}

/** Scan's verdict on the constructions a rewriter finds, by the offsets of the construction node. */
export interface ClientTargets {
  /** Whether scan reported a legacy KMS client whose construction is the node [start, end). */
  accepts(start: number, end: number): boolean;
}

/** True when the construction [start, end) may be rewritten: no scan facts given, or scan reported it. */
export function isTarget(input: RewriteInput, start: number, end: number): boolean {
  return !input.targets || input.targets.accepts(start, end);
}

export interface RewriteOutput {
  edits: TextEdit[];
  /** What could not (or should not) be rewritten, with the reason. */
  findings: Finding[];
  needs: TransferNeed[];
}

export type Rewriter = (input: RewriteInput) => RewriteOutput;
