import { MIGRATE_RULES, noteAt } from '../../migrate/findings.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../../migrate/parse.js';
import type { RewriteInput, RewriteOutput } from '../../migrate/rewriter.js';
import { type InstanceSettings, quoted, type SettingName, settingValue } from '../../migrate/settings.js';
import { detectStyle, indentOfLine, lineStartOf } from '../../migrate/text-style.js';
import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { canonicalAction } from '../../model/kms-actions.js';
import {
  addImports,
  GCS_OPENAPI,
  LEGACY_KMS,
  readImports,
  removeImport,
  TEA,
  TRANSFER_SDK,
} from './rewrite-imports.js';

const STATEMENT_PARENTS = new Set([
  'statement_list',
  'source_file',
  'expression_case',
  'default_case',
  'type_case',
  'communication_case',
]);
const CONFIG_FIELDS: [string, SettingName][] = [
  ['Endpoint', 'endpoint'],
  ['ClientKeyFile', 'clientKeyFile'],
  ['Password', 'clientKeyPassword'],
  ['CaFilePath', 'caFile'],
];

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function enclosingStatement(node: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  while (cur?.parent) {
    if (cur.type === 'func_literal') return undefined;
    if (STATEMENT_PARENTS.has(cur.parent.type) && cur.type !== 'expression_list') return cur;
    cur = cur.parent;
  }
  return undefined;
}

/** Go: `kms.NewClientWith<X>(...)` → `<alias>.NewClientWith<X>(..., cfg)`, `*kms.Client` → `*<alias>.KmsTransferClient` (dkms-protocol.md §3.4). */
export function rewriteGo(input: RewriteInput): RewriteOutput {
  const { text, file, settings } = input;
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  const v2 = /"github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client"/.exec(text);
  if (v2) {
    findings.push(
      noteAt(
        MIGRATE_RULES.unsupportedShape,
        'warning',
        'kms-20160120 V2 client: not rewritten automatically; build it with sdk.NewTransferClient(config, kmsConfig) from github.com/aliyun/alibabacloud-kms-go-sdk/sdk by hand',
        file,
        'go',
        text,
        v2.index,
        v2.index + v2[0].length,
      ),
    );
  }
  if (!text.includes(LEGACY_KMS)) return { edits, findings, needs: [] };
  const root = parseTree('go', text).rootNode;
  const imports = readImports(root);
  const legacy = imports.find((i) => i.path === LEGACY_KMS);
  if (!legacy || legacy.local === '_' || legacy.local === '.') return { edits, findings, needs: [] };
  const kms = legacy.local;
  const style = detectStyle(text, '\t');
  const taken = new Set(
    root
      .descendantsOfType(['identifier', 'package_identifier', 'type_identifier', 'field_identifier'])
      .map((n) => n.text),
  );
  for (const i of imports) taken.add(i.local);

  const existingTransfer = imports.find((i) => i.path === TRANSFER_SDK);
  const alias = existingTransfer?.local ?? uniqueName('dkmstransfer', taken);
  const existingGcs = imports.find((i) => i.path === GCS_OPENAPI);
  const gcs = existingGcs?.local ?? uniqueName('dedicatedkmsopenapi', taken);
  const tea = imports.find((i) => i.path === TEA)?.local ?? 'tea';
  const os = imports.find((i) => i.path === 'os')?.local ?? 'os';

  const consumed = new Set<number>(); // start offsets of `kms.X` selectors we replace
  const calls = root.descendantsOfType('call_expression');
  let constructors = 0;
  const declaredIn = new Set<number>();
  let configName = '';
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const operand = fn.childForFieldName('operand');
    const field = fn.childForFieldName('field')?.text ?? '';
    if (operand?.text === kms && field === 'NewClient') {
      findings.push(
        noteAt(
          MIGRATE_RULES.noCounterpart,
          'error',
          'kms.NewClient() has no transfer-client counterpart: build the client with kms.NewClientWith<credential>(...) first, then migrate',
          file,
          'go',
          text,
          call.startIndex,
          call.endIndex,
        ),
      );
      continue;
    }
    if (/(WithChan|WithCallback)$/.test(field) && canonicalAction(field)) {
      findings.push(
        noteAt(
          MIGRATE_RULES.noCounterpart,
          'error',
          `${field} is not intercepted by the transfer client and keeps going to the shared gateway; call ${field.replace(/WithChan|WithCallback$/, '')} instead`,
          file,
          'go',
          text,
          call.startIndex,
          call.endIndex,
          { action: canonicalAction(field) },
        ),
      );
      continue;
    }
    if (operand?.text !== kms || !/^NewClientWith[A-Za-z]+$/.test(field)) continue;
    const statement = enclosingStatement(call);
    if (
      !statement ||
      text.slice(lineStartOf(text, statement.startIndex), statement.startIndex).trim() !== ''
    ) {
      findings.push(
        noteAt(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          `${kms}.${field} is called where no statement can be inserted before it; build a ${gcs}.Config and pass it by hand`,
          file,
          'go',
          text,
          call.startIndex,
          call.endIndex,
        ),
      );
      continue;
    }
    const container = statement.parent as SyntaxNode;
    if (!configName) configName = uniqueName('kmsConfig', taken);
    if (!declaredIn.has(container.startIndex)) {
      declaredIn.add(container.startIndex);
      const indent = indentOfLine(text, statement.startIndex);
      const topLevel = container.type === 'source_file';
      const width = Math.max(...['Protocol', ...CONFIG_FIELDS.map(([f]) => f)].map((f) => f.length)) + 1;
      const field = (name: string, value: string) =>
        `${indent}${style.indentUnit}${`${name}:`.padEnd(width)} ${value},`;
      const lines = [
        topLevel
          ? `${indent}var ${configName} = &${gcs}.Config{`
          : `${indent}${configName} := &${gcs}.Config{`,
        field('Protocol', `${tea}.String("https")`),
        ...CONFIG_FIELDS.map(([f, name]) => field(f, `${tea}.String(${goValue(settings, name, os)})`)),
        `${indent}}`,
      ];
      const at = lineStartOf(text, insertionAnchor(statement, text));
      edits.push({ start: at, end: at, text: lines.join(style.eol) + style.eol });
    }
    edits.push({
      start: (operand as SyntaxNode).startIndex,
      end: (operand as SyntaxNode).endIndex,
      text: alias,
    });
    consumed.add(fn.startIndex);
    const args = (call.childForFieldName('arguments') as SyntaxNode).namedChildren.filter(
      (a) => a.type !== 'comment',
    );
    if (field === 'NewClientWithProvider' && args.length > 0) {
      edits.push({ start: args[0].endIndex, end: args[0].endIndex, text: `, ${configName}` });
    } else if (args.length > 0) {
      const last = args[args.length - 1];
      const trailing = /^\s*,[ \t]*\r?\n/.exec(text.slice(last.endIndex));
      if (trailing) {
        // One argument per line with a trailing comma: the config gets its own line too.
        const at = last.endIndex + trailing[0].indexOf(',') + 1;
        edits.push({
          start: at,
          end: at,
          text: `${style.eol}${indentOfLine(text, last.startIndex)}${configName},`,
        });
      } else {
        edits.push({ start: last.endIndex, end: last.endIndex, text: `, ${configName}` });
      }
    }
    constructors++;
  }

  const migrates = constructors > 0 || input.goPackageMigrates === true;
  // Functions that still build a legacy client (kms.NewClient()) keep their legacy result type.
  const keepResult = new Set<number>();
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.text.replace(/\s+/g, '') !== `${kms}.NewClient`) continue;
    let owner: SyntaxNode | null = call.parent;
    while (owner && !['function_declaration', 'method_declaration', 'func_literal'].includes(owner.type))
      owner = owner.parent;
    const result = owner?.childForFieldName('result');
    if (result) keepResult.add(result.startIndex);
  }
  const inKeptResult = (n: SyntaxNode): boolean => {
    for (let p: SyntaxNode | null = n; p; p = p.parent)
      if (keepResult.has(p.startIndex) && p.parent?.childForFieldName('result')?.startIndex === p.startIndex)
        return true;
    return false;
  };
  let types = 0;
  if (migrates) {
    for (const q of root.descendantsOfType('qualified_type')) {
      if (q.childForFieldName('package')?.text !== kms || q.childForFieldName('name')?.text !== 'Client')
        continue;
      if (q.parent?.type !== 'pointer_type' || inKeptResult(q)) continue;
      // An embedded `*kms.Client` names a field `Client`; renaming the type would rename the field.
      if (q.parent.parent?.type === 'field_declaration' && !q.parent.parent.childForFieldName('name')) {
        findings.push(
          noteAt(
            MIGRATE_RULES.unsupportedShape,
            'warning',
            `embedded *${kms}.Client: change the embedding to *${alias}.KmsTransferClient by hand (the field name changes)`,
            file,
            'go',
            text,
            q.startIndex,
            q.endIndex,
          ),
        );
        continue;
      }
      edits.push({ start: q.startIndex, end: q.endIndex, text: `${alias}.KmsTransferClient` });
      consumed.add(q.startIndex);
      types++;
    }
  }
  if (constructors === 0 && types === 0) return { edits, findings, needs: [] };

  const specs: string[] = [];
  if (!existingTransfer) specs.push(`${alias} "${TRANSFER_SDK}"`);
  if (constructors > 0) {
    if (!existingGcs) specs.push(`${gcs} "${GCS_OPENAPI}"`);
    if (!imports.some((i) => i.path === TEA)) specs.push(`"${TEA}"`);
    if (!imports.some((i) => i.path === 'os')) specs.push('"os"');
  }
  // Go refuses unused imports: drop the legacy one when nothing else refers to it.
  const stillUsed = root.descendantsOfType(['selector_expression', 'qualified_type']).some((n) => {
    const pkg =
      n.type === 'selector_expression' ? n.childForFieldName('operand') : n.childForFieldName('package');
    return pkg?.text === kms && !consumed.has(n.startIndex);
  });
  const removal = stillUsed ? [] : removeImport(text, legacy);
  // Imports first: an insertion at the same offset as a top-level config must precede it.
  edits.unshift(
    ...removal,
    ...addImports(text, root, specs, style.eol, removal.length ? legacy.spec : undefined),
  );
  return { edits, findings, needs: ['go-transfer'] };
}

function goValue(settings: InstanceSettings, name: SettingName, os: string): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `${os}.Getenv(${quoted(v.envName)})`;
}
