import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { MIGRATE_RULES, type Reporter, reporterFor } from '../rewrite-kit/findings.js';
import { uniqueName } from '../rewrite-kit/names.js';
import { parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import {
  isTarget,
  mergeOutputs,
  noRewrite,
  type RewriteInput,
  type RewriteOutput,
} from '../rewrite-kit/rewriter.js';
import { detectStyle, indentOfLine, type TextStyle } from '../rewrite-kit/text-style.js';
import {
  constructionsOf,
  declareConfigs,
  instanceConfigLines,
  type PyConstruction,
  pyValue,
} from './rewrite-common.js';
import { type NewImport, type PythonImports, placeImports, readImports } from './rewrite-imports.js';
import { type PythonScope, pickName, pickOs, scopeOf } from './rewrite-names.js';
import { rewritePythonV2 } from './rewrite-v2.js';

const TRANSFER_MODULE = 'alibabacloud_dkms_transfer.kms_transfer_acs_client';
const CONFIG_MODULE = 'openapi.models';

/**
 * Python: `AcsClient(...)` → `KmsTransferAcsClient(config, ..., verify=<CA>)`; V2 clients →
 * `TransferClient(config, kms_config)` (rewrite-v2.ts). The V2 rewrite picks its names among those
 * the V1 rewrite took, so two kinds of client in one file never share a config variable or an import.
 */
export function rewritePython(input: RewriteInput): RewriteOutput {
  const v1 = rewritePythonV1(input);
  const v2 = rewritePythonV2(input, v1.added);
  return mergeOutputs(v1.out, v2);
}

/** What the V1 rewrite added that the V2 rewrite of the same file must not add or take again. */
export interface AddedNames {
  names: string[];
  imports: string[];
}

interface V1File {
  input: RewriteInput;
  root: SyntaxNode;
  imports: PythonImports;
  report: Reporter;
  style: TextStyle;
}

interface V1Names {
  config: string;
  configClass: { local: string; imported: boolean };
  transfer: { local: string; imported: boolean };
  os: { local: string; imported: boolean };
}

/** V1 in phases: targets → names → config → constructions → imports. */
function rewritePythonV1(input: RewriteInput): { out: RewriteOutput; added: AddedNames } {
  const none = { out: noRewrite(), added: { names: [], imports: [] } };
  if (!input.text.includes('AcsClient')) return none;
  const root = parseTree('python', input.text).rootNode;
  const imports = readImports(root);
  if (imports.acsNames.size === 0 && imports.acsDotted.size === 0) return none;
  const file: V1File = { input, root, imports, report: reporterFor(input), style: detectStyle(input.text) };
  const { constructions, findings } = targets(file);
  if (constructions.length === 0) return { out: noRewrite(findings), added: none.added };
  const scope = scopeOf(root, imports);
  const names = pickNames(scope);
  const config = declareConfigs(input.text, constructions, file.style.eol, (indent) =>
    instanceConfigLines(
      names.config,
      names.configClass.local,
      input.settings,
      indent,
      file.style.indentUnit,
      names.os.local,
    ),
  );
  const calls = constructions.map((c) => rewriteCall(file, c, names));
  const newImports = importsToAdd(names);
  // Imports first: the config may be inserted at the same offset and needs them.
  const importEdits = placeImports(input.text, root, imports.legacyImports[0], newImports, file.style.eol);
  return {
    out: mergeOutputs(
      { edits: importEdits, findings: [], needs: ['python-transfer'] },
      { edits: config, findings, needs: [] },
      ...calls,
    ),
    added: { names: [...scope.taken], imports: newImports.map((i) => i.text) },
  };
}

/** Targets: calls of the legacy client that scan chose, each where a config can be declared before it. */
function targets(file: V1File): { constructions: PyConstruction[]; findings: Finding[] } {
  const { imports, input } = file;
  const calls = file.root.descendantsOfType('call').filter((c) => {
    const fn = c.childForFieldName('function');
    if (!fn) return false;
    const callee = fn.text.replace(/\s+/g, '');
    return (
      ((fn.type === 'identifier' && imports.acsNames.has(callee)) ||
        (fn.type === 'attribute' && imports.acsDotted.has(callee))) &&
      isTarget(input, c.startIndex, c.endIndex)
    );
  });
  return constructionsOf(
    calls,
    input.text,
    file.report,
    'AcsClient is built where no statement can be inserted before it; build a Config and pass it first by hand',
  );
}

/** Names free in the whole file (a later `Config = ...` counts), or the ones the file already imports. */
function pickNames(scope: PythonScope): V1Names {
  // `Config` taken (another library's, or a variable): ours comes in under a name of its own.
  const configClass = pickName(scope, 'Config', `${CONFIG_MODULE}.Config`, 'KmsInstanceConfig');
  const transfer = pickName(scope, 'KmsTransferAcsClient', `${TRANSFER_MODULE}.KmsTransferAcsClient`);
  const os = pickOs(scope);
  const config = uniqueName('kms_config', scope.taken, '_');
  scope.taken.add(config);
  return { config, configClass, transfer, os };
}

function importsToAdd(names: V1Names): NewImport[] {
  const out: NewImport[] = [];
  const as = (local: string, name: string) => (local === name ? name : `${name} as ${local}`);
  if (!names.transfer.imported)
    out.push({
      text: `from ${TRANSFER_MODULE} import ${as(names.transfer.local, 'KmsTransferAcsClient')}`,
      module: TRANSFER_MODULE,
    });
  if (!names.configClass.imported)
    out.push({
      text: `from ${CONFIG_MODULE} import ${as(names.configClass.local, 'Config')}`,
      module: CONFIG_MODULE,
    });
  if (!names.os.imported)
    out.push({
      text: names.os.local === 'os' ? 'import os' : `import os as ${names.os.local}`,
      module: 'os',
    });
  return out;
}

/** `AcsClient(a, b)` → `KmsTransferAcsClient(kms_config, a, b, verify=<CA>)`. */
function rewriteCall(file: V1File, c: PyConstruction, names: V1Names): RewriteOutput {
  const { text } = file.input;
  const caValue = pyValue(file.input.settings, 'caFile', names.os.local);
  const edits: TextEdit[] = [
    { start: c.callee.startIndex, end: c.callee.endIndex, text: names.transfer.local },
  ];
  const findings: Finding[] = [];
  const first = c.argNodes[0];
  if (!first) {
    edits.push({
      start: c.args.startIndex + 1,
      end: c.args.startIndex + 1,
      text: `${names.config}, verify=${caValue}`,
    });
    return { edits, findings, needs: [] };
  }
  const multiline = text.slice(c.args.startIndex, first.startIndex).includes('\n');
  const sep = multiline ? `,${file.style.eol}${indentOfLine(text, first.startIndex)}` : ', ';
  edits.push({ start: first.startIndex, end: first.startIndex, text: `${names.config}${sep}` });
  const verify = c.argNodes.find(
    (a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'verify',
  );
  if (verify) {
    const value = verify.childForFieldName('value')?.text ?? '';
    if (/^(False|None|0|''|"")$/.test(value))
      findings.push(
        file.report(
          MIGRATE_RULES.tlsDisabled,
          'warning',
          verify,
          `verify=${value} turns TLS verification to the KMS instance off; pass the instance CA path instead`,
        ),
      );
  } else if (
    !c.argNodes.some((a) => a.type === 'dictionary_splat') &&
    c.argNodes.filter((a) => a.type !== 'keyword_argument').length < 15
  ) {
    const last = c.argNodes[c.argNodes.length - 1];
    edits.push({ start: last.endIndex, end: last.endIndex, text: `${sep}verify=${caValue}` });
  }
  return { edits, findings, needs: [] };
}
