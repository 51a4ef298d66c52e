// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import type { Language } from '../../model/language.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { isTarget, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import type { SettingName } from '../rewrite-kit/settings.js';
import { detectStyle, indentOfLine } from '../rewrite-kit/text-style.js';
import { tsc } from './compiler.js';
import { parseSource } from './parser.js';
import { readPopCoreImports, TRANSFER_CLASS, TRANSFER_MODULE } from './rewrite-pop-core.js';
import { rewriteTeaKmsClients } from './rewrite-tea-kms.js';
import { TEA_KMS_MODULE } from './rewrite-tea-kms-config.js';
import { settingCode } from './setting-code.js';

const INSTANCE_FIELDS: [string, SettingName][] = [
  ['endpoint', 'endpoint'],
  ['clientKeyFile', 'clientKeyFile'],
  ['password', 'clientKeyPassword'],
  ['caFile', 'caFile'],
];

/** Whether a pop-core client talks to KMS: apiVersion 2016-01-20 or a KMS endpoint in its options. */
function isKmsClient(expr: ts.NewExpression, sf: ts.SourceFile, fileText: string): boolean {
  const first = expr.arguments?.[0];
  if (first && tsc.isObjectLiteralExpression(first)) {
    const text = first.getText(sf);
    if (/2016-01-20/.test(text) || /\bkms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com/.test(text)) return true;
    if (/apiVersion/.test(text)) return false;
  }
  return /2016-01-20/.test(fileText) || /\bkms(-vpc)?\.[a-z0-9-]+\.aliyuncs\.com/.test(fileText);
}

/**
 * TS/JS: pop-core KMS clients → `KmsTransferPopClient(options, instanceConfig)` (src/transfer/README.md);
 * @alicloud/kms20160120 clients → the same client on the instance endpoint (rewrite-tea-kms.ts).
 */
export function rewriteTypeScript(input: RewriteInput): RewriteOutput {
  const { text, file, settings } = input;
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  const language: Language = input.language === 'javascript' ? 'javascript' : 'typescript';
  if (!text.includes('@alicloud/')) return { edits, findings, needs: [] };
  const sf = parseSource(file, text);
  const { popCore, hasTransfer } = readPopCoreImports(sf);
  // kms20160120 clients keep their class; only their config's endpoint changes (rewrite-tea-kms.ts).
  if (text.includes(TEA_KMS_MODULE)) {
    const tea = rewriteTeaKmsClients(input, sf, language);
    edits.push(...tea.edits);
    findings.push(...tea.findings);
  }
  if (popCore.length === 0) return { edits, findings, needs: [] };
  const teaEdits = edits.length;
  const style = detectStyle(text, '  ');
  const locals = new Set(popCore.flatMap((p) => p.locals));
  const quote = popCore[0].quote;

  const sites: ts.NewExpression[] = [];
  let otherUses = 0;
  // `RPCClient` used as a type (`private client: RPCClient`): renamed with the import when nothing else needs pop-core.
  const typeRefs: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (tsc.isNewExpression(node) && locals.has(node.expression.getText(sf))) {
      if (isKmsClient(node, sf, text) && isTarget(input, node.getStart(sf), node.getEnd())) sites.push(node);
      else otherUses++;
    } else if (tsc.isIdentifier(node) && locals.has(node.text) && !isInImport(node, popCore)) {
      const parent = node.parent;
      if (tsc.isTypeReferenceNode(parent) && parent.typeName === node) typeRefs.push(node);
      else if (!(tsc.isNewExpression(parent) && parent.expression === node)) otherUses++;
    }
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  if (sites.length === 0) return { edits, findings, needs: [] };

  for (const site of sites) {
    const args = site.arguments ?? tsc.factory.createNodeArray();
    edits.push({ start: site.expression.getStart(sf), end: site.expression.getEnd(), text: TRANSFER_CLASS });
    const indent = indentOfLine(text, site.getStart(sf));
    const inner = indent + style.indentUnit;
    const config = [
      '{',
      ...INSTANCE_FIELDS.map(([f, name]) => `${inner}${f}: ${settingCode(settings, name, quote)},`),
      `${indent}}`,
    ].join(style.eol);
    if (args.length === 0) {
      findings.push(
        noteAt(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          'pop-core client without options: pass the same options object first',
          file,
          language,
          text,
          site.getStart(sf),
          site.getEnd(),
        ),
      );
      edits.pop();
      continue;
    }
    edits.push({ start: args[0].getEnd(), end: args[0].getEnd(), text: `, ${config}` });
  }
  if (edits.length === teaEdits) return { edits, findings, needs: [] };

  if (!hasTransfer) {
    const imp = popCore[0];
    const semi = imp.statement.getText(sf).trimEnd().endsWith(';') ? ';' : '';
    const q = imp.quote;
    const line =
      imp.kind === 'esm'
        ? `import { ${TRANSFER_CLASS} } from ${q}${TRANSFER_MODULE}${q}${semi}`
        : `const { ${TRANSFER_CLASS} } = require(${q}${TRANSFER_MODULE}${q})${semi}`;
    if (otherUses === 0 && popCore.length === 1) {
      edits.push({ start: imp.statement.getStart(sf), end: imp.statement.getEnd(), text: line });
      for (const ref of typeRefs)
        edits.push({ start: ref.getStart(sf), end: ref.getEnd(), text: TRANSFER_CLASS });
    } else {
      edits.push({ start: imp.statement.getEnd(), end: imp.statement.getEnd(), text: style.eol + line });
    }
  }
  return { edits, findings, needs: ['node-transfer'] };
}

function isInImport(node: ts.Node, imports: { statement: ts.Statement }[]): boolean {
  return imports.some((i) => node.pos >= i.statement.pos && node.end <= i.statement.end);
}
