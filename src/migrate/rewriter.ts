import type { TextEdit } from '../model/edit.js';
import type { Finding } from '../model/finding.js';
import type { Language } from '../model/language.js';
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
}

export interface RewriteOutput {
  edits: TextEdit[];
  /** What could not (or should not) be rewritten, with the reason. */
  findings: Finding[];
  needs: TransferNeed[];
}

export type Rewriter = (input: RewriteInput) => RewriteOutput;
