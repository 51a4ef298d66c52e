import type { TextEdit } from '../../model/edit.js';
import type { SdkFamily } from '../../model/facts.js';
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

/** The Go client families a migration retypes: the legacy services/kms client and the V2 (Tea) client. */
export type GoRetypeFamily = 'legacy-core' | 'tea-kms';

export interface RewriteInput {
  /** Repository-relative path, `/` separators. */
  file: string;
  text: string;
  language: Language;
  settings: InstanceSettings;
  /**
   * Go: the client families whose type (`*kms.Client`, `*client.Client`) this file must retype because
   * their constructions move to a transfer client somewhere in the module (migrate decides it for
   * the whole module, from scan). Absent (an editor buffer): a file retypes what it constructs itself.
   */
  goRetype?: readonly GoRetypeFamily[];
  /**
   * Names declared in the rest of the scope the file's new names live in, which the file itself does
   * not show: for Go, the package-level declarations of the package's other files.
   */
  scopeNames?: readonly string[];
  /**
   * The clients scan reported as legacy KMS clients in this file. When set, a rewriter rewrites only
   * constructions that `isTarget` accepts; when absent (an editor buffer, jscodeshift), every
   * construction the rewriter recognises is rewritten.
   */
  targets?: ClientTargets;
}

/** Scan's verdict on the constructions a rewriter finds, by the offsets of the construction node. */
export interface ClientTargets {
  /** Whether scan reported a legacy KMS client (of `family`, when given) whose construction is the node [start, end). */
  accepts(start: number, end: number, family?: SdkFamily): boolean;
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

/** A rewrite that changes nothing (a fresh object: callers may add to it). */
export function noRewrite(findings: Finding[] = []): RewriteOutput {
  return { edits: [], findings, needs: [] };
}

/** One output of several rewrites of the same file (their edits must not overlap). */
export function mergeOutputs(...outs: RewriteOutput[]): RewriteOutput {
  return {
    edits: outs.flatMap((o) => o.edits),
    findings: outs.flatMap((o) => o.findings),
    needs: [...new Set(outs.flatMap((o) => o.needs))],
  };
}
