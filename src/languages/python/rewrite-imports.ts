import type { SyntaxNode } from '../rewrite-kit/parse.js';

export const LEGACY_MODULE = 'aliyunsdkcore.client';
export const TRANSFER_IMPORT =
  'from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient';

export interface PythonImports {
  /** Local names bound to aliyunsdkcore.client.AcsClient. */
  acsNames: Set<string>;
  /** Dotted callee spellings: `client.AcsClient` after `from aliyunsdkcore import client`. */
  acsDotted: Set<string>;
  /** Import statements that bring the legacy client in; new imports go right after the first. */
  legacyImports: SyntaxNode[];
  /** Every name bound by an import, to the module it comes from. */
  bound: Map<string, string>;
  hasTransfer: boolean;
  hasOs: boolean;
  configFromGcs: boolean;
}

export function readImports(root: SyntaxNode): PythonImports {
  const out: PythonImports = {
    acsNames: new Set(),
    acsDotted: new Set(),
    legacyImports: [],
    bound: new Map(),
    hasTransfer: false,
    hasOs: false,
    configFromGcs: false,
  };
  for (const stmt of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (stmt.type === 'import_statement') {
      for (const item of stmt.namedChildren) {
        const dotted = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
        if (dotted === 'os' && !alias && stmt.parent?.type === 'module') out.hasOs = true;
        if (!dotted) continue;
        out.bound.set(alias ?? dotted.split('.')[0], dotted);
        if (dotted === LEGACY_MODULE) {
          out.acsDotted.add(`${alias ?? LEGACY_MODULE}.AcsClient`);
          out.legacyImports.push(stmt);
        }
      }
      continue;
    }
    const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
    for (const item of stmt.childrenForFieldName('name')) {
      const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const local = item.type === 'aliased_import' ? (item.childForFieldName('alias')?.text ?? name) : name;
      if (!name || !local) continue;
      out.bound.set(local, `${module}.${name}`);
      if (module === LEGACY_MODULE && name === 'AcsClient') {
        out.acsNames.add(local);
        out.legacyImports.push(stmt);
      }
      if (module === 'aliyunsdkcore' && name === 'client') {
        out.acsDotted.add(`${local}.AcsClient`);
        out.legacyImports.push(stmt);
      }
      if (
        module === 'alibabacloud_dkms_transfer.kms_transfer_acs_client' &&
        name === 'KmsTransferAcsClient'
      ) {
        out.hasTransfer = true;
      }
      if (module === 'openapi.models' && name === 'Config') out.configFromGcs = true;
    }
  }
  return out;
}
