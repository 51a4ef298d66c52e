import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { wordsIn } from '../rewrite-kit/names.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import { isTarget, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import { detectStyle, indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';
import { enclosingStatement, instanceConfigLines, pyValue, uniqueName } from './rewrite-common.js';
import { readImports, TRANSFER_IMPORT } from './rewrite-imports.js';
import { rewritePythonV2 } from './rewrite-v2.js';

const ARG_NODES = new Set(['comment']);

/** Python: `AcsClient(...)` → `KmsTransferAcsClient(config, ..., verify=<CA>)` (dkms-protocol.md §3.3). */
export function rewritePython(input: RewriteInput): RewriteOutput {
  const v1 = rewritePythonV1(input);
  const v2 = rewritePythonV2(input);
  return {
    edits: [...v1.edits, ...v2.edits],
    findings: [...v1.findings, ...v2.findings],
    needs: [...v1.needs, ...v2.needs],
  };
}

function rewritePythonV1(input: RewriteInput): RewriteOutput {
  const { text, file, settings } = input;
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  if (!text.includes('AcsClient')) return { edits, findings, needs: [] };
  const root = parseTree('python', text).rootNode;
  const imports = readImports(root);
  if (imports.acsNames.size === 0 && imports.acsDotted.size === 0) return { edits, findings, needs: [] };
  const style = detectStyle(text);

  const calls = root.descendantsOfType('call').filter((c) => {
    const fn = c.childForFieldName('function');
    if (!fn) return false;
    const callee = fn.text.replace(/\s+/g, '');
    return (
      ((fn.type === 'identifier' && imports.acsNames.has(callee)) ||
        (fn.type === 'attribute' && imports.acsDotted.has(callee))) &&
      isTarget(input, c.startIndex, c.endIndex)
    );
  });
  if (calls.length === 0) return { edits, findings, needs: [] };

  const taken = wordsIn(text);
  const configName = uniqueName('kms_config', taken);
  const configOwner = imports.bound.get('Config');
  const configClass =
    configOwner && configOwner !== 'openapi.models.Config'
      ? uniqueName('KmsInstanceConfig', taken)
      : 'Config';
  const caValue = pyValue(settings, 'caFile');

  const declaredIn = new Set<number>();
  let rewritten = 0;
  for (const call of calls) {
    const statement = enclosingStatement(call);
    const stmtLineStart = statement ? lineStartOf(text, statement.startIndex) : -1;
    if (!statement || text.slice(stmtLineStart, statement.startIndex).trim() !== '') {
      findings.push(
        noteAt(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          'AcsClient is built where no statement can be inserted before it; build a Config and pass it first by hand',
          file,
          'python',
          text,
          call.startIndex,
          call.endIndex,
        ),
      );
      continue;
    }
    const fn = call.childForFieldName('function') as SyntaxNode;
    const args = call.childForFieldName('arguments') as SyntaxNode;
    const argNodes = args.namedChildren.filter((a) => !ARG_NODES.has(a.type));
    if (args.type !== 'argument_list') continue;
    const blockNode = statement.parent as SyntaxNode;
    if (!declaredIn.has(blockNode.startIndex)) {
      declaredIn.add(blockNode.startIndex);
      const indent = indentOfLine(text, statement.startIndex);
      const lines = instanceConfigLines(configName, configClass, settings, indent, style.indentUnit);
      const at = lineStartOf(text, insertionAnchor(statement, text));
      edits.push({ start: at, end: at, text: lines.join(style.eol) + style.eol });
    }
    edits.push({ start: fn.startIndex, end: fn.endIndex, text: 'KmsTransferAcsClient' });

    const first = argNodes[0];
    const multiline = first !== undefined && text.slice(args.startIndex, first.startIndex).includes('\n');
    const argIndent = first ? indentOfLine(text, first.startIndex) : '';
    if (!first) {
      edits.push({
        start: args.startIndex + 1,
        end: args.startIndex + 1,
        text: `${configName}, verify=${caValue}`,
      });
    } else {
      const sep = multiline ? `,${style.eol}${argIndent}` : ', ';
      edits.push({ start: first.startIndex, end: first.startIndex, text: `${configName}${sep}` });
      const verify = argNodes.find(
        (a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'verify',
      );
      const hasSplat = argNodes.some((a) => a.type === 'dictionary_splat');
      if (verify) {
        const value = verify.childForFieldName('value')?.text ?? '';
        if (/^(False|None|0|''|"")$/.test(value)) {
          findings.push(
            noteAt(
              MIGRATE_RULES.tlsDisabled,
              'warning',
              `verify=${value} turns TLS verification to the KMS instance off; pass the instance CA path instead`,
              file,
              'python',
              text,
              verify.startIndex,
              verify.endIndex,
            ),
          );
        }
      } else if (!hasSplat && argNodes.filter((a) => a.type !== 'keyword_argument').length < 15) {
        const last = argNodes[argNodes.length - 1];
        edits.push({ start: last.endIndex, end: last.endIndex, text: `${sep}verify=${caValue}` });
      }
    }
    rewritten++;
  }
  if (rewritten === 0) return { edits, findings, needs: [] };
  // Imports first: the config may be inserted at the same offset and needs them.
  edits.unshift(...importEdits(text, imports, style.eol, configClass));
  return { edits, findings, needs: ['python-transfer'] };
}

function importEdits(
  text: string,
  imports: ReturnType<typeof readImports>,
  eol: string,
  configClass: string,
): TextEdit[] {
  const anchor = imports.legacyImports[0];
  const indent = indentOfLine(text, anchor.startIndex);
  const lines: string[] = [];
  if (!imports.hasTransfer) lines.push(TRANSFER_IMPORT);
  if (!imports.configFromGcs || configClass !== 'Config') {
    lines.push(
      configClass === 'Config'
        ? 'from openapi.models import Config'
        : `from openapi.models import Config as ${configClass}`,
    );
  }
  if (!imports.hasOs) lines.push('import os');
  if (lines.length === 0) return [];
  const at = nextLineStart(text, anchor.endIndex);
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  return [{ start: at, end: at, text: lead + lines.map((l) => indent + l + eol).join('') }];
}
