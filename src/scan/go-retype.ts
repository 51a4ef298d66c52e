import type { GoRetypeFamily } from '../languages/rewrite-kit/rewriter.js';
import type { ClientSite, ClientTypeRef, FileFacts } from '../model/facts.js';

/**
 * Go client types across one module. Moving a Go client to a transfer client changes its type
 * (`*kms.Client` → `*sdk.KmsTransferClient`), so every reference in the module must move with it:
 * other packages, fields, callbacks, tests. These are the module-wide facts that decision rests on.
 */

interface FamilyPaths {
  id: GoRetypeFamily;
  legacy: (pkg: string) => boolean;
  transfer: (pkg: string) => boolean;
  /** Constructors whose transfer twin exists (the others cannot move, so they keep the legacy type). */
  hasTwin: (name: string) => boolean;
}

const FAMILIES: FamilyPaths[] = [
  {
    id: 'legacy-core',
    legacy: (p) => p === 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms',
    transfer: (p) => p === 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk',
    hasTwin: (n) => n.startsWith('NewClientWith'),
  },
  {
    id: 'tea-kms',
    legacy: (p) => /^github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client$/.test(p),
    transfer: (p) => p === 'github.com/aliyun/alibabacloud-kms-go-sdk/sdk',
    hasTwin: (n) => n === 'NewClient',
  },
];

const packageOf = (qualifiedName: string): string => qualifiedName.slice(0, qualifiedName.lastIndexOf('.'));

/** Whether a Go legacy construction has a transfer twin migrate can rewrite it to. */
export function hasTransferTwin(site: ClientSite): boolean {
  const pkg = packageOf(site.qualifiedName);
  return FAMILIES.some((f) => f.legacy(pkg) && f.hasTwin(site.constructorName));
}

export interface TypeRefAt {
  file: FileFacts;
  ref: ClientTypeRef;
}

export interface GoFamilyUse {
  family: GoRetypeFamily;
  /** Legacy constructions that have a transfer twin (migrate rewrites them). */
  movable: ClientSite[];
  /** Legacy constructions with none (`kms.NewClient()`). */
  stuck: ClientSite[];
  /** Transfer constructions of this family (already migrated). */
  transfer: ClientSite[];
  /** Every written legacy client type. */
  refs: TypeRefAt[];
}

/** Per family present in the module: its constructions and its written legacy types. */
export function goFamilyUses(files: readonly FileFacts[]): GoFamilyUse[] {
  const go = files.filter((f) => f.language === 'go');
  const out: GoFamilyUse[] = [];
  for (const fam of FAMILIES) {
    const use: GoFamilyUse = { family: fam.id, movable: [], stuck: [], transfer: [], refs: [] };
    for (const f of go) {
      for (const site of f.clients) {
        const pkg = packageOf(site.qualifiedName);
        if (fam.transfer(pkg)) use.transfer.push(site);
        else if (fam.legacy(pkg)) (fam.hasTwin(site.constructorName) ? use.movable : use.stuck).push(site);
      }
      for (const ref of f.clientTypes ?? [])
        if (fam.legacy(packageOf(ref.qualifiedName))) use.refs.push({ file: f, ref });
    }
    if (use.movable.length + use.stuck.length + use.transfer.length + use.refs.length > 0) out.push(use);
  }
  return out;
}

/**
 * Legacy client types a half-done retype left behind: the module builds only transfer clients of the
 * family and still names the legacy type somewhere (a package that receives the client through a
 * callback, a test). That code no longer compiles against the transfer client, or it was handed the
 * embedded legacy client and sends its calls to the shared gateway.
 */
export function strandedClientTypes(files: readonly FileFacts[]): TypeRefAt[] {
  return goFamilyUses(files).flatMap((u) =>
    u.transfer.length > 0 && u.movable.length === 0 && u.stuck.length === 0 ? u.refs : [],
  );
}
