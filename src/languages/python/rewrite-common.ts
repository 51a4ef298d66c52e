import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { MIGRATE_RULES, type Reporter } from '../rewrite-kit/findings.js';
import { insertionAnchor, type SyntaxNode } from '../rewrite-kit/parse.js';
import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';
import { enclosingStatement, type StatementShape, startsOwnLine } from '../rewrite-kit/statements.js';
import { indentOfLine, lineStartOf } from '../rewrite-kit/text-style.js';

const PY_STATEMENTS: StatementShape = { parents: new Set(['block', 'module']) };

/** A setting as Python: the literal the user chose, or an environment lookup through `os`. */
export function pyValue(settings: InstanceSettings, name: SettingName, os = 'os'): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `${os}.getenv(${quoted(v.envName)})`;
}

/** `name = Class(\n  protocol="https",\n  endpoint=..., client_key_file=..., password=...,\n)` as lines. */
export function instanceConfigLines(
  name: string,
  cls: string,
  settings: InstanceSettings,
  indent: string,
  unit: string,
  os: string,
): string[] {
  const fields: [string, SettingName][] = [
    ['endpoint', 'endpoint'],
    ['client_key_file', 'clientKeyFile'],
    ['password', 'clientKeyPassword'],
  ];
  return [
    `${indent}${name} = ${cls}(`,
    `${indent}${unit}protocol="https",`,
    ...fields.map(([field, setting]) => `${indent}${unit}${field}=${pyValue(settings, setting, os)},`),
    `${indent})`,
  ];
}

/** A client construction to rewrite: the call, its argument list, and the statement its config goes before. */
export interface PyConstruction {
  call: SyntaxNode;
  callee: SyntaxNode;
  args: SyntaxNode;
  /** Arguments without comments. */
  argNodes: SyntaxNode[];
  statement: SyntaxNode;
}

/** The constructions among `calls` a config can be declared before; the others are reported. */
export function constructionsOf(
  calls: readonly SyntaxNode[],
  text: string,
  report: Reporter,
  why: string,
): { constructions: PyConstruction[]; findings: Finding[] } {
  const constructions: PyConstruction[] = [];
  const findings: Finding[] = [];
  for (const call of calls) {
    const statement = enclosingStatement(call, PY_STATEMENTS);
    const args = call.childForFieldName('arguments');
    if (!statement || !startsOwnLine(text, statement) || args?.type !== 'argument_list') {
      findings.push(report(MIGRATE_RULES.unsupportedShape, 'warning', call, why));
      continue;
    }
    const callee = call.childForFieldName('function') as SyntaxNode;
    const argNodes = args.namedChildren.filter((a) => a.type !== 'comment');
    constructions.push({ call, callee, args, argNodes, statement });
  }
  return { constructions, findings };
}

/** One config declaration per block, before the first construction in it (`lines` builds it at an indent). */
export function declareConfigs(
  text: string,
  constructions: readonly PyConstruction[],
  eol: string,
  lines: (indent: string) => string[],
): TextEdit[] {
  const declaredIn = new Set<number>();
  const edits: TextEdit[] = [];
  for (const c of constructions) {
    const block = c.statement.parent as SyntaxNode;
    if (declaredIn.has(block.startIndex)) continue;
    declaredIn.add(block.startIndex);
    const at = lineStartOf(text, insertionAnchor(c.statement, text));
    edits.push({
      start: at,
      end: at,
      text: lines(indentOfLine(text, c.statement.startIndex)).join(eol) + eol,
    });
  }
  return edits;
}
