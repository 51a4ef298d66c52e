import type { TextEdit } from '../../model/edit.js';
import { reporterFor } from '../rewrite-kit/findings.js';
import { uniqueName } from '../rewrite-kit/names.js';
import { parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import {
  isTarget,
  mergeOutputs,
  noRewrite,
  type RewriteInput,
  type RewriteOutput,
} from '../rewrite-kit/rewriter.js';
import { detectStyle } from '../rewrite-kit/text-style.js';
import type { AddedNames } from './rewrite.js';
import {
  constructionsOf,
  declareConfigs,
  instanceConfigLines,
  type PyConstruction,
  pyValue,
} from './rewrite-common.js';
import { type NewImport, placeImports, readImports } from './rewrite-imports.js';
import { pickName, pickOs, scopeOf } from './rewrite-names.js';

const V2_MODULE = 'alibabacloud_kms20160120.client';
const SDK = 'alibabacloud_kms_kms20160120';

/** The V2 client's local names: `Client` imported from the client module, or `client.Client` dotted. */
function v2Callees(root: SyntaxNode): { names: Set<string>; dotted: Set<string>; anchor?: SyntaxNode } {
  const names = new Set<string>();
  const dotted = new Set<string>();
  let anchor: SyntaxNode | undefined;
  for (const stmt of root.descendantsOfType('import_from_statement')) {
    const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
    for (const item of stmt.childrenForFieldName('name')) {
      const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const local = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : name;
      if (!name || !local) continue;
      if (module === V2_MODULE && name === 'Client') names.add(local);
      else if (module === 'alibabacloud_kms20160120' && name === 'client') dotted.add(`${local}.Client`);
      else continue;
      anchor ??= stmt;
    }
  }
  return { names, dotted, anchor };
}

/**
 * Python V2 (`alibabacloud_kms20160120.client.Client(config)`) → the vendor KMS SDK's
 * `TransferClient(config, kms_config)`, in phases: targets → names → config → constructions →
 * imports. KmsConfig takes no CA argument, so the CA path is set as an attribute afterwards.
 * `added`: what the V1 rewrite of the same file already took and imported.
 */
export function rewritePythonV2(input: RewriteInput, added: AddedNames): RewriteOutput {
  const { text, settings } = input;
  if (!text.includes('alibabacloud_kms20160120')) return noRewrite();
  const root = parseTree('python', text).rootNode;
  const callees = v2Callees(root);
  if (!callees.anchor) return noRewrite();
  const calls = root.descendantsOfType('call').filter((c) => {
    const fn = c.childForFieldName('function');
    const callee = fn?.text.replace(/\s+/g, '') ?? '';
    return (
      ((fn?.type === 'identifier' && callees.names.has(callee)) ||
        (fn?.type === 'attribute' && callees.dotted.has(callee))) &&
      isTarget(input, c.startIndex, c.endIndex)
    );
  });
  const { constructions, findings } = constructionsOf(
    calls,
    text,
    reporterFor(input),
    'kms20160120 Client built where no statement can be inserted before it; build a KmsConfig and use TransferClient by hand',
  );
  if (constructions.length === 0) return noRewrite(findings);

  const style = detectStyle(text);
  const imports = readImports(root);
  const scope = scopeOf(root, imports);
  for (const n of added.names) scope.taken.add(n);
  const transfer = pickName(
    scope,
    'TransferClient',
    `${SDK}.transfer_client.TransferClient`,
    'KmsTransferClient',
  );
  const kmsConfig = pickName(scope, 'KmsConfig', `${SDK}.models.KmsConfig`, 'KmsInstanceConfig');
  const os = pickOs(scope);
  const configName = uniqueName('kms_config', scope.taken, '_');
  const config = declareConfigs(text, constructions, style.eol, (indent) => [
    ...instanceConfigLines(configName, kmsConfig.local, settings, indent, style.indentUnit, os.local),
    `${indent}${configName}.ca_file_path = ${pyValue(settings, 'caFile', os.local)}`,
  ]);
  const calls2 = constructions.flatMap((c) => rewriteCall(c, transfer.local, configName));

  const as = (local: string, name: string) => (local === name ? name : `${name} as ${local}`);
  const add: NewImport[] = [];
  if (!transfer.imported)
    add.push({
      text: `from ${SDK}.transfer_client import ${as(transfer.local, 'TransferClient')}`,
      module: `${SDK}.transfer_client`,
    });
  if (!kmsConfig.imported)
    add.push({
      text: `from ${SDK}.models import ${as(kmsConfig.local, 'KmsConfig')}`,
      module: `${SDK}.models`,
    });
  if (!os.imported)
    add.push({ text: os.local === 'os' ? 'import os' : `import os as ${os.local}`, module: 'os' });
  const fresh = add.filter((i) => !added.imports.includes(i.text));
  // Imports first: the config may be inserted at the same offset and needs them.
  return mergeOutputs(
    {
      edits: placeImports(text, root, callees.anchor, fresh, style.eol),
      findings: [],
      needs: ['python-kms-sdk'],
    },
    { edits: [...config, ...calls2], findings, needs: [] },
  );
}

/** `Client(config)` → `TransferClient(config, kms_config)` (a keyword when the call uses keywords). */
function rewriteCall(c: PyConstruction, transfer: string, configName: string): TextEdit[] {
  const edits: TextEdit[] = [{ start: c.callee.startIndex, end: c.callee.endIndex, text: transfer }];
  const last = c.argNodes[c.argNodes.length - 1];
  const keyword = c.argNodes.some((a) => a.type === 'keyword_argument');
  if (last)
    edits.push({
      start: last.endIndex,
      end: last.endIndex,
      text: `, ${keyword ? `kms_config=${configName}` : configName}`,
    });
  else
    edits.push({
      start: c.args.startIndex + 1,
      end: c.args.startIndex + 1,
      text: `kms_config=${configName}`,
    });
  return edits;
}
