import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { canonicalAction, isInstanceAction } from '../../model/kms-actions.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { wordsIn } from '../rewrite-kit/names.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import {
  isTarget,
  type RewriteInput,
  type RewriteOutput,
  type TransferNeed,
} from '../rewrite-kit/rewriter.js';
import { type InstanceSettings, quoted, type SettingName, settingValue } from '../rewrite-kit/settings.js';
import { detectStyle, indentOfLine, lineStartOf } from '../rewrite-kit/text-style.js';
import {
  addImports,
  GCS_OPENAPI,
  KMS_SDK,
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

/** One legacy client package and the transfer package that replaces it. */
interface GoFamily {
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

const V1: GoFamily = {
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

// V2 (Tea) client → the vendor KMS SDK's TransferClient (dkms-protocol.md §3.5); its kmsConfig accepts a *dedicatedkmsopenapi.Config.
const V2: GoFamily = {
  isLegacyPath: (p) => /^github\.com\/alibabacloud-go\/kms-20160120\/v\d+\/client$/.test(p),
  transferPath: KMS_SDK,
  aliasBase: 'kmssdk',
  transferType: 'TransferClient',
  need: 'go-kms-sdk',
  constructor: (name) =>
    name === 'NewClient' ? { name: 'NewTransferClient', configSecond: false } : undefined,
  asyncVariants: false,
};

/**
 * Go: `kms.NewClientWith<X>(...)` → `<alias>.NewClientWith<X>(..., cfg)`, `*kms.Client` →
 * `*<alias>.KmsTransferClient` (dkms-protocol.md §3.4); V2 `client.NewClient(cfg)` →
 * `kmssdk.NewTransferClient(cfg, kmsConfig)`, `*client.Client` → `*kmssdk.TransferClient` (§3.5).
 */
export function rewriteGo(input: RewriteInput): RewriteOutput {
  if (!input.text.includes(LEGACY_KMS) && !input.text.includes('kms-20160120'))
    return { edits: [], findings: [], needs: [] };
  const root = parseTree('go', input.text).rootNode;
  const v1 = rewriteGoFamily(input, V1, root);
  const v2 = rewriteGoFamily(input, V2, root);
  if (v1.edits.length > 0 && v2.edits.length > 0) {
    // Both families in one file would add clashing imports: rewrite the legacy one, report the other.
    const at = input.text.indexOf('kms-20160120');
    v1.findings.push(
      noteAt(
        MIGRATE_RULES.unsupportedShape,
        'warning',
        'this file also builds a kms-20160120 V2 client: migrate it to kmssdk.NewTransferClient by hand, or run migrate again after this change',
        input.file,
        'go',
        input.text,
        at,
        at + 'kms-20160120'.length,
      ),
    );
    return v1;
  }
  return {
    edits: [...v1.edits, ...v2.edits],
    findings: [...v1.findings, ...v2.findings],
    needs: [...v1.needs, ...v2.needs],
  };
}

function rewriteGoFamily(input: RewriteInput, family: GoFamily, root: SyntaxNode): RewriteOutput {
  const { text, file, settings } = input;
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  const imports = readImports(root);
  const legacy = imports.find((i) => family.isLegacyPath(i.path));
  if (!legacy || legacy.local === '_' || legacy.local === '.') return { edits, findings, needs: [] };
  const kms = legacy.local;
  const style = detectStyle(text, '\t');
  const taken = wordsIn(text);
  for (const i of imports) taken.add(i.local);

  const existingTransfer = imports.find((i) => i.path === family.transferPath);
  const alias = existingTransfer?.local ?? uniqueName(family.aliasBase, taken);
  const existingGcs = imports.find((i) => i.path === GCS_OPENAPI);
  const gcs = existingGcs?.local ?? uniqueName('dedicatedkmsopenapi', taken);
  const tea = imports.find((i) => i.path === TEA)?.local ?? 'tea';
  const os = imports.find((i) => i.path === 'os')?.local ?? 'os';

  const consumed = new Set<number>(); // start offsets of `kms.X` selectors we replace
  const calls = root.descendantsOfType('call_expression');
  let constructors = 0;
  const declaredIn = new Map<number, string>(); // block → its config variable
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const operand = fn.childForFieldName('operand');
    const field = fn.childForFieldName('field')?.text ?? '';
    if (operand?.text === kms && field === family.noCounterpart) {
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
    // Only the ten instance actions change route; other async calls went to the gateway before and still do.
    const action = canonicalAction(field);
    if (
      family.asyncVariants &&
      /(WithChan|WithCallback)$/.test(field) &&
      action &&
      isInstanceAction(action)
    ) {
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
    const mapped = operand?.text === kms ? family.constructor(field) : undefined;
    if (!mapped || !isTarget(input, call.startIndex, call.endIndex)) continue;
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
    let configName = declaredIn.get(container.startIndex);
    if (!configName) {
      // Package-level names must be unique across the package's files: derive it from the client variable.
      const firstVar =
        container.type === 'source_file' ? statement.descendantsOfType('identifier')[0]?.text : undefined;
      configName = uniqueName(
        firstVar ? `kms${firstVar[0].toUpperCase()}${firstVar.slice(1)}Config` : 'kmsConfig',
        taken,
      );
      declaredIn.set(container.startIndex, configName);
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
      // A package-level declaration is set apart from the next one by a blank line, as gofmt'd code is.
      edits.push({
        start: at,
        end: at,
        text: lines.join(style.eol) + style.eol + (topLevel ? style.eol : ''),
      });
    }
    edits.push({ start: fn.startIndex, end: fn.endIndex, text: `${alias}.${mapped.name}` });
    consumed.add(fn.startIndex);
    const args = (call.childForFieldName('arguments') as SyntaxNode).namedChildren.filter(
      (a) => a.type !== 'comment',
    );
    if (mapped.configSecond && args.length > 0) {
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
    if (!family.noCounterpart || fn?.text.replace(/\s+/g, '') !== `${kms}.${family.noCounterpart}`) continue;
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
            `embedded *${kms}.Client: change the embedding to *${alias}.${family.transferType} by hand (the field name changes)`,
            file,
            'go',
            text,
            q.startIndex,
            q.endIndex,
          ),
        );
        continue;
      }
      edits.push({ start: q.startIndex, end: q.endIndex, text: `${alias}.${family.transferType}` });
      consumed.add(q.startIndex);
      types++;
    }
  }
  if (constructors === 0 && types === 0) return { edits, findings, needs: [] };

  const specs: string[] = [];
  if (!existingTransfer) specs.push(`${alias} "${family.transferPath}"`);
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
  return { edits, findings, needs: [family.need] };
}

function goValue(settings: InstanceSettings, name: SettingName, os: string): string {
  const v = settingValue(settings, name);
  return v.literal !== undefined ? quoted(v.literal) : `${os}.Getenv(${quoted(v.envName)})`;
}
