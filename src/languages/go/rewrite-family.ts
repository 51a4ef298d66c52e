import type { Reporter } from '../rewrite-kit/findings.js';
import { uniqueName } from '../rewrite-kit/names.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import type { GoRetypeFamily, RewriteInput, TransferNeed } from '../rewrite-kit/rewriter.js';
import type { TextStyle } from '../rewrite-kit/text-style.js';
import { GCS_OPENAPI, type GoImport, KMS_SDK, LEGACY_KMS, TEA, TRANSFER_SDK } from './rewrite-imports.js';

/** One legacy client package and the transfer package that replaces it. */
export interface GoFamily {
  id: GoRetypeFamily;
  isLegacyPath: (path: string) => boolean;
  transferPath: string;
  aliasBase: string;
  transferType: string;
  need: TransferNeed;
  /** The transfer constructor for a legacy one, and whether the config goes second (else last). */
  constructor: (name: string) => { name: string; configSecond: boolean } | undefined;
  /** A legacy constructor with no transfer counterpart. */
  noCounterpart?: string;
  /** Report `...WithChan` / `...WithCallback` (the old transfer client does not intercept them). */
  asyncVariants: boolean;
}

export const V1: GoFamily = {
  id: 'legacy-core',
  isLegacyPath: (p) => p === LEGACY_KMS,
  transferPath: TRANSFER_SDK,
  aliasBase: 'dkmstransfer',
  transferType: 'KmsTransferClient',
  need: 'go-transfer',
  constructor: (name) =>
    /^NewClientWith[A-Za-z]+$/.test(name)
      ? { name, configSecond: name === 'NewClientWithProvider' }
      : undefined,
  noCounterpart: 'NewClient',
  asyncVariants: true,
};

// V2 (Tea) client → the vendor KMS SDK's TransferClient; its kmsConfig accepts a *dedicatedkmsopenapi.Config.
export const V2: GoFamily = {
  id: 'tea-kms',
  isLegacyPath: (p) => /^github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client$/.test(p),
  transferPath: KMS_SDK,
  aliasBase: 'kmssdk',
  transferType: 'TransferClient',
  need: 'go-kms-sdk',
  constructor: (name) =>
    name === 'NewClient' ? { name: 'NewTransferClient', configSecond: false } : undefined,
  asyncVariants: false,
};

/** A package the rewritten code names: the local name, and whether the file imports it already. */
export interface PackageName {
  local: string;
  imported: boolean;
}

/** The packages rewritten code refers to, each under a name free in the file and its package. */
export interface PackageNames {
  transfer: PackageName;
  gcs: PackageName;
  tea: PackageName;
  os: PackageName;
  /** Every name of the file and of its package's other files, plus those picked here. */
  taken: Set<string>;
}

export interface GoFile {
  input: RewriteInput;
  family: GoFamily;
  root: SyntaxNode;
  text: string;
  report: Reporter;
  style: TextStyle;
  imports: GoImport[];
  /** The legacy package's import. */
  legacy: GoImport;
  /** Its local name (`kms`, or the alias). */
  kms: string;
  names: PackageNames;
}

/**
 * Names the code of a file declares or uses: identifiers, type and package names. A package name we
 * add must clash with none of them, nor with the package-level names of the package's other files
 * (Go puts both in one scope), or a local `os := ...` would hide the `os.Getenv` we write.
 */
function namesOf(root: SyntaxNode): Set<string> {
  return new Set(
    root.descendantsOfType(['identifier', 'type_identifier', 'package_identifier']).map((n) => n.text),
  );
}

export function packageNames(
  root: SyntaxNode,
  imports: readonly GoImport[],
  family: GoFamily,
  scopeNames: readonly string[],
): PackageNames {
  const taken = namesOf(root);
  for (const n of scopeNames) taken.add(n);
  for (const i of imports) taken.add(i.local);
  const pick = (path: string, base: string): PackageName => {
    const existing = imports.find((i) => i.path === path && i.local !== '_' && i.local !== '.');
    if (existing) return { local: existing.local, imported: true };
    const local = uniqueName(base, taken);
    taken.add(local);
    return { local, imported: false };
  };
  return {
    transfer: pick(family.transferPath, family.aliasBase),
    gcs: pick(GCS_OPENAPI, 'dedicatedkmsopenapi'),
    tea: pick(TEA, 'tea'),
    os: pick('os', 'os'),
    taken,
  };
}
