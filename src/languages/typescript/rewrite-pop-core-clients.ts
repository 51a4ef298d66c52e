// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import type { Language } from '../../model/language.js';
import { MIGRATE_RULES, reporterFor } from '../rewrite-kit/findings.js';
import { uniqueName } from '../rewrite-kit/names.js';
import { mergeOutputs, noRewrite, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import type { SettingName } from '../rewrite-kit/settings.js';
import { detectStyle, indentOfLine } from '../rewrite-kit/text-style.js';
import { tsc } from './compiler.js';
import { namesInFile } from './names.js';
import {
  fileQuote,
  type PopCoreImport,
  readPopCoreImports,
  TRANSFER_CLASS,
  TRANSFER_MODULE,
  tableApiVersion,
  transferImportEdit,
} from './rewrite-pop-core.js';
import { KMS_API_VERSION } from './sdk-modules.js';
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

function isInImport(node: ts.Node, imports: readonly PopCoreImport[]): boolean {
  return imports.some((i) => node.pos >= i.statement.pos && node.end <= i.statement.end);
}

interface Sites {
  sites: ts.NewExpression[];
  /** Uses of pop-core other than KMS constructions and type names: the pop-core import stays. */
  otherUses: number;
  /** `RPCClient` used as a type (`private client: RPCClient`): renamed with the import when nothing else needs pop-core. */
  typeRefs: ts.Identifier[];
}

/**
 * Targets: the pop-core constructions scan chose (without scan's facts, those whose options say KMS).
 * A class bound in code (`await import(...)`, a `require` in a `try`) is rewritten only on scan's word.
 */
function findSites(input: RewriteInput, sf: ts.SourceFile, popCore: readonly PopCoreImport[]): Sites {
  const locals = new Set(popCore.flatMap((p) => p.locals));
  const out: Sites = { sites: [], otherUses: 0, typeRefs: [] };
  const accepted = (node: ts.NewExpression, local: boolean): boolean => {
    if (!input.targets) return local && isKmsClient(node, sf, input.text);
    return input.targets.accepts(node.getStart(sf), node.getEnd(), local ? undefined : 'pop-core');
  };
  const visit = (node: ts.Node): void => {
    const local = tsc.isNewExpression(node) && locals.has(node.expression.getText(sf));
    if (tsc.isNewExpression(node) && accepted(node, local)) out.sites.push(node);
    else if (local) out.otherUses++;
    else if (tsc.isIdentifier(node) && locals.has(node.text) && !isInImport(node, popCore)) {
      const parent = node.parent;
      if (tsc.isTypeReferenceNode(parent) && parent.typeName === node) out.typeRefs.push(node);
      else if (!(tsc.isNewExpression(parent) && parent.expression === node)) out.otherUses++;
    }
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * TS/JS pop-core KMS clients → `KmsTransferPopClient(options, instanceConfig)` (src/transfer/README.md),
 * in phases: targets → name → constructions → import. The class comes in under a name free in the
 * whole file (an alias when the file already uses `KmsTransferPopClient` for something else).
 */
export function rewritePopCoreClients(
  input: RewriteInput,
  sf: ts.SourceFile,
  language: Language,
): RewriteOutput {
  const { popCore, hasTransfer, transfer } = readPopCoreImports(sf);
  if (popCore.length === 0 && !input.targets) return noRewrite();
  const found = findSites(input, sf, popCore);
  if (found.sites.length === 0) return noRewrite();
  const local = transfer ?? (hasTransfer ? TRANSFER_CLASS : uniqueName(TRANSFER_CLASS, namesInFile(sf)));
  const quote = popCore[0]?.quote ?? fileQuote(input.text);
  const sites = rewriteSites(input, sf, found.sites, local, quote, language);
  if (sites.edits.length === 0) return sites;
  const eol = detectStyle(input.text, '  ').eol;
  const imports = hasTransfer
    ? []
    : popCore.length === 0
      ? [transferImportEdit(sf, input.text, quote, eol, local)]
      : importEdits(input, sf, popCore, found, local);
  return mergeOutputs(sites, { edits: imports, findings: [], needs: ['node-transfer'] });
}

function rewriteSites(
  input: RewriteInput,
  sf: ts.SourceFile,
  sites: readonly ts.NewExpression[],
  local: string,
  quote: string,
  language: Language,
): RewriteOutput {
  const { text, settings } = input;
  const style = detectStyle(text, '  ');
  const report = reporterFor({ ...input, language });
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  for (const site of sites) {
    const args = site.arguments ?? tsc.factory.createNodeArray();
    if (args.length === 0) {
      findings.push(
        report(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          { startIndex: site.getStart(sf), endIndex: site.getEnd() },
          'pop-core client without options: pass the same options object first',
        ),
      );
      continue;
    }
    // The line the options end on: `}` of a multi-line object sits at the indent the config must match.
    const indent = indentOfLine(text, args[0].getEnd());
    const inner = indent + style.indentUnit;
    const config = [
      '{',
      ...INSTANCE_FIELDS.map(([f, name]) => `${inner}${f}: ${settingCode(settings, name, quote)},`),
      `${indent}}`,
    ].join(style.eol);
    // A generic constructor fed from a table of services: the instance config only for KMS's version.
    const guard = tableApiVersion(site, sf);
    const instance = guard ? `${guard} === ${quote}${KMS_API_VERSION}${quote} ? ${config} : null` : config;
    edits.push({ start: site.expression.getStart(sf), end: site.expression.getEnd(), text: local });
    edits.push({ start: args[0].getEnd(), end: args[0].getEnd(), text: `, ${instance}` });
  }
  return { edits, findings, needs: [] };
}

/** The transfer import: in place of the pop-core import when nothing else needs pop-core, else after it. */
function importEdits(
  input: RewriteInput,
  sf: ts.SourceFile,
  popCore: readonly PopCoreImport[],
  found: Sites,
  local: string,
): TextEdit[] {
  const imp = popCore[0];
  const semi = imp.statement.getText(sf).trimEnd().endsWith(';') ? ';' : '';
  const q = imp.quote;
  const binding = local === TRANSFER_CLASS ? TRANSFER_CLASS : null;
  const line =
    imp.kind === 'esm'
      ? `import { ${binding ?? `${TRANSFER_CLASS} as ${local}`} } from ${q}${TRANSFER_MODULE}${q}${semi}`
      : `const { ${binding ?? `${TRANSFER_CLASS}: ${local}`} } = require(${q}${TRANSFER_MODULE}${q})${semi}`;
  if (found.otherUses === 0 && popCore.length === 1) {
    return [
      { start: imp.statement.getStart(sf), end: imp.statement.getEnd(), text: line },
      ...found.typeRefs.map((ref) => ({ start: ref.getStart(sf), end: ref.getEnd(), text: local })),
    ];
  }
  const eol = detectStyle(input.text, '  ').eol;
  return [{ start: imp.statement.getEnd(), end: imp.statement.getEnd(), text: eol + line }];
}
