import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { wordsIn } from '../rewrite-kit/names.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import { isTarget, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import { detectStyle, indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';
import { enclosingStatement, instanceConfigLines, pyValue, uniqueName } from './rewrite-common.js';

const V2_MODULE = 'alibabacloud_kms20160120.client';
const SDK = 'alibabacloud_kms_kms20160120';

/**
 * Python V2 (`alibabacloud_kms20160120.client.Client(config)`) → the vendor KMS SDK's
 * `TransferClient(config, kms_config)` (dkms-protocol.md §3.5). KmsConfig takes no CA argument, so the
 * CA path is set as an attribute afterwards.
 */
export function rewritePythonV2(input: RewriteInput): RewriteOutput {
  const { text, file, settings } = input;
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  if (!text.includes('alibabacloud_kms20160120')) return { edits, findings, needs: [] };
  const root = parseTree('python', text).rootNode;
  const names = new Set<string>();
  const dotted = new Set<string>();
  let anchor: SyntaxNode | undefined;
  let hasTransfer = false;
  let hasKmsConfig = false;
  let hasOs = false;
  for (const stmt of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (stmt.type === 'import_statement') {
      if (stmt.parent?.type === 'module' && stmt.namedChildren.some((n) => n.text === 'os')) hasOs = true;
      continue;
    }
    const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
    for (const item of stmt.childrenForFieldName('name')) {
      const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const local = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : name;
      if (!name || !local) continue;
      if (module === V2_MODULE && name === 'Client') {
        names.add(local);
        anchor ??= stmt;
      }
      if (module === 'alibabacloud_kms20160120' && name === 'client') {
        dotted.add(`${local}.Client`);
        anchor ??= stmt;
      }
      if (module === `${SDK}.transfer_client` && name === 'TransferClient') hasTransfer = true;
      if (module === `${SDK}.models` && name === 'KmsConfig') hasKmsConfig = true;
    }
  }
  if (!anchor) return { edits, findings, needs: [] };
  const calls = root.descendantsOfType('call').filter((c) => {
    const fn = c.childForFieldName('function');
    const callee = fn?.text.replace(/\s+/g, '') ?? '';
    return (
      ((fn?.type === 'identifier' && names.has(callee)) ||
        (fn?.type === 'attribute' && dotted.has(callee))) &&
      isTarget(input, c.startIndex, c.endIndex)
    );
  });
  if (calls.length === 0) return { edits, findings, needs: [] };
  const style = detectStyle(text);
  const taken = wordsIn(text);
  const configName = uniqueName('kms_config', taken);
  const declaredIn = new Set<number>();
  let rewritten = 0;
  for (const call of calls) {
    const statement = enclosingStatement(call);
    const args = call.childForFieldName('arguments');
    const argNodes = args?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    if (
      !statement ||
      !args ||
      args.type !== 'argument_list' ||
      text.slice(lineStartOf(text, statement.startIndex), statement.startIndex).trim() !== ''
    ) {
      findings.push(
        noteAt(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          'kms20160120 Client built where no statement can be inserted before it; build a KmsConfig and use TransferClient by hand',
          file,
          'python',
          text,
          call.startIndex,
          call.endIndex,
        ),
      );
      continue;
    }
    const block = statement.parent as SyntaxNode;
    if (!declaredIn.has(block.startIndex)) {
      declaredIn.add(block.startIndex);
      const indent = indentOfLine(text, statement.startIndex);
      const lines = [
        ...instanceConfigLines(configName, 'KmsConfig', settings, indent, style.indentUnit),
        `${indent}${configName}.ca_file_path = ${pyValue(settings, 'caFile')}`,
      ];
      const at = lineStartOf(text, insertionAnchor(statement, text));
      edits.push({ start: at, end: at, text: lines.join(style.eol) + style.eol });
    }
    const fn = call.childForFieldName('function') as SyntaxNode;
    edits.push({ start: fn.startIndex, end: fn.endIndex, text: 'TransferClient' });
    const last = argNodes[argNodes.length - 1];
    const keyword = argNodes.some((a) => a.type === 'keyword_argument');
    const arg = keyword ? `kms_config=${configName}` : configName;
    if (last) edits.push({ start: last.endIndex, end: last.endIndex, text: `, ${arg}` });
    else
      edits.push({ start: args.startIndex + 1, end: args.startIndex + 1, text: `kms_config=${configName}` });
    rewritten++;
  }
  if (rewritten === 0) return { edits, findings, needs: [] };
  const lines: string[] = [];
  if (!hasTransfer) lines.push(`from ${SDK}.transfer_client import TransferClient`);
  if (!hasKmsConfig) lines.push(`from ${SDK}.models import KmsConfig`);
  if (!hasOs) lines.push('import os');
  if (lines.length) {
    const indent = indentOfLine(text, anchor.startIndex);
    const at = nextLineStart(text, anchor.endIndex);
    const lead = at === text.length && !text.endsWith('\n') ? style.eol : '';
    // Imports first: the config may be inserted at the same offset and needs them.
    edits.unshift({ start: at, end: at, text: lead + lines.map((l) => indent + l + style.eol).join('') });
  }
  return { edits, findings, needs: ['python-kms-sdk'] };
}
