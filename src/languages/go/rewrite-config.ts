import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { uniqueName } from '../rewrite-kit/names.js';
import { insertionAnchor, type SyntaxNode } from '../rewrite-kit/parse.js';
import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';
import { indentOfLine, lineStartOf } from '../rewrite-kit/text-style.js';
import type { GoFile } from './rewrite-family.js';
import type { Construction } from './rewrite-targets.js';

const CONFIG_FIELDS: [string, SettingName][] = [
  ['Endpoint', 'endpoint'],
  ['ClientKeyFile', 'clientKeyFile'],
  ['Password', 'clientKeyPassword'],
  ['CaFilePath', 'caFile'],
];

export interface ConfigPhase {
  edits: TextEdit[];
  findings: Finding[];
  needs: [];
  /** Constructions rewritten. */
  rewritten: number;
  /** Start offsets of the `kms.X` selectors replaced (the legacy import may become unused). */
  replaced: number[];
}

/**
 * Config: one `&dedicatedkmsopenapi.Config{...}` per block before the first construction in it, and
 * each construction renamed to its transfer twin with the config passed in.
 */
export function insertConfigs(file: GoFile, constructions: readonly Construction[]): ConfigPhase {
  const edits: TextEdit[] = [];
  const replaced: number[] = [];
  const declaredIn = new Map<number, string>(); // block → its config variable
  for (const c of constructions) {
    const container = c.statement.parent as SyntaxNode;
    let configName = declaredIn.get(container.startIndex);
    if (!configName) {
      configName = configVariable(file, c.statement);
      declaredIn.set(container.startIndex, configName);
      edits.push(configDeclaration(file, c.statement, configName));
    }
    edits.push({
      start: c.callee.startIndex,
      end: c.callee.endIndex,
      text: `${file.names.transfer.local}.${c.transferName}`,
    });
    replaced.push(c.callee.startIndex);
    edits.push(...configArgument(file, c, configName));
  }
  return { edits, findings: [], needs: [], rewritten: constructions.length, replaced };
}

/**
 * `kmsConfig` in a function (each function its own); at package level, derived from the client
 * variable and kept out of the names still to pick (the whole package shares it).
 */
function configVariable(file: GoFile, statement: SyntaxNode): string {
  const topLevel = statement.parent?.type === 'source_file';
  const firstVar = topLevel ? statement.descendantsOfType('identifier')[0]?.text : undefined;
  const base = firstVar ? `kms${firstVar[0].toUpperCase()}${firstVar.slice(1)}Config` : 'kmsConfig';
  const name = uniqueName(base, file.names.taken);
  if (topLevel) file.names.taken.add(name);
  return name;
}

function configDeclaration(file: GoFile, statement: SyntaxNode, configName: string): TextEdit {
  const { text, style, names } = file;
  const indent = indentOfLine(text, statement.startIndex);
  const topLevel = statement.parent?.type === 'source_file';
  const width = Math.max(...['Protocol', ...CONFIG_FIELDS.map(([f]) => f)].map((f) => f.length)) + 1;
  const field = (name: string, value: string) =>
    `${indent}${style.indentUnit}${`${name}:`.padEnd(width)} ${value},`;
  const tea = names.tea.local;
  const lines = [
    topLevel
      ? `${indent}var ${configName} = &${names.gcs.local}.Config{`
      : `${indent}${configName} := &${names.gcs.local}.Config{`,
    field('Protocol', `${tea}.String("https")`),
    ...CONFIG_FIELDS.map(([f, name]) =>
      field(f, `${tea}.String(${goValue(file.input.settings, name, names.os.local)})`),
    ),
    `${indent}}`,
  ];
  const at = lineStartOf(text, insertionAnchor(statement, text));
  // A package-level declaration is set apart from the next one by a blank line, as gofmt'd code is.
  return { start: at, end: at, text: lines.join(style.eol) + style.eol + (topLevel ? style.eol : '') };
}

/** The config as the last argument (second for NewClientWithProvider), on its own line when the call has one per line. */
function configArgument(file: GoFile, c: Construction, configName: string): TextEdit[] {
  const { text, style } = file;
  const args = (c.call.childForFieldName('arguments') as SyntaxNode).namedChildren.filter(
    (a) => a.type !== 'comment',
  );
  if (args.length === 0) return [];
  if (c.configSecond) return [{ start: args[0].endIndex, end: args[0].endIndex, text: `, ${configName}` }];
  const last = args[args.length - 1];
  const trailing = /^\s*,[ \t]*\r?\n/.exec(text.slice(last.endIndex));
  if (!trailing) return [{ start: last.endIndex, end: last.endIndex, text: `, ${configName}` }];
  const at = last.endIndex + trailing[0].indexOf(',') + 1;
  return [{ start: at, end: at, text: `${style.eol}${indentOfLine(text, last.startIndex)}${configName},` }];
}

function goValue(settings: InstanceSettings, name: SettingName, os: string): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `${os}.Getenv(${quoted(v.envName)})`;
}
