import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { isInstanceAction } from '../../model/kms-actions.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import {
  isTarget,
  type RewriteInput,
  type RewriteOutput,
  type TransferNeed,
} from '../rewrite-kit/rewriter.js';
import { detectStyle, indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';
import { configChain } from './rewrite-config.js';

const LEGACY_FQN = 'com.aliyuncs.DefaultAcsClient';
const TRANSFER_FQN = 'com.aliyun.kms.KmsTransferAcsClient';
const CONFIG_FQN = 'com.aliyun.dkms.gcs.openapi.models.Config';
const STATEMENT_PARENTS = new Set(['block', 'constructor_body', 'switch_block_statement_group']);

interface Site {
  node: SyntaxNode;
  /** Statement the config variable goes before, when the client is built inside a body. */
  statement?: SyntaxNode;
}

/** Imports by simple name, plus wildcard packages. */
function readImports(root: SyntaxNode): {
  names: Map<string, string>;
  wildcards: Set<string>;
  last?: SyntaxNode;
} {
  const names = new Map<string, string>();
  const wildcards = new Set<string>();
  let last: SyntaxNode | undefined;
  for (const imp of root.namedChildren.filter((n) => n.type === 'import_declaration')) {
    last = imp;
    const text = imp.text
      .replace(/^import\s+(static\s+)?/, '')
      .replace(/\s*;$/, '')
      .replace(/\s+/g, '');
    if (text.endsWith('.*')) wildcards.add(text.slice(0, -2));
    else names.set(text.slice(text.lastIndexOf('.') + 1), text);
  }
  return { names, wildcards, last };
}

/** Whether a written type names `fqn`, directly or through an explicit or wildcard import. */
function namesType(typeText: string, fqn: string, imports: ReturnType<typeof readImports>): boolean {
  const t = typeText.replace(/\s+/g, '');
  if (t === fqn) return true;
  const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
  if (t !== simple) return false;
  const owner = imports.names.get(simple);
  return owner === fqn || (owner === undefined && imports.wildcards.has(fqn.slice(0, fqn.lastIndexOf('.'))));
}

/** One legacy client class and the transfer class that replaces it, config appended last. */
interface JavaClientSpec {
  legacyFqn: string;
  transferFqn: string;
  need: TransferNeed;
  /** Warn about catch (ServerException) (the legacy IAcsClient family only). */
  serverExceptions: boolean;
}

const SPECS: JavaClientSpec[] = [
  { legacyFqn: LEGACY_FQN, transferFqn: TRANSFER_FQN, need: 'java-transfer', serverExceptions: true },
  // V2 (Tea) client → the vendor KMS SDK's TransferClient(openApiConfig, kmsConfig) (dkms-protocol.md §3.5).
  {
    legacyFqn: 'com.aliyun.kms20160120.Client',
    transferFqn: 'com.aliyun.kms.kms20160120.TransferClient',
    need: 'java-kms-sdk',
    serverExceptions: false,
  },
];

/** The statement holding the construction, if the config can be declared right before it. */
function enclosingStatement(node: SyntaxNode, text: string): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  while (cur?.parent) {
    const parent: SyntaxNode = cur.parent;
    if (
      ['lambda_expression', 'class_body', 'field_declaration', 'explicit_constructor_invocation'].includes(
        cur.type,
      )
    ) {
      return undefined;
    }
    if (STATEMENT_PARENTS.has(parent.type)) {
      // Only when the statement starts its own line, so the inserted lines keep the layout.
      const before = text.slice(lineStartOf(text, cur.startIndex), cur.startIndex);
      return before.trim() === '' ? cur : undefined;
    }
    cur = parent;
  }
  return undefined;
}

function identifiersIn(node: SyntaxNode): Set<string> {
  return new Set(node.descendantsOfType('identifier').map((n) => n.text));
}

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Java: `new DefaultAcsClient(...)` → `new KmsTransferAcsClient(..., config)` (dkms-protocol.md §3.2,
 * §3.6) and `new com.aliyun.kms20160120.Client(cfg)` → `new TransferClient(cfg, config)` (§3.5).
 */
export function rewriteJava(input: RewriteInput): RewriteOutput {
  const out: RewriteOutput = { edits: [], findings: [], needs: [] };
  for (const spec of SPECS) {
    const simple = spec.legacyFqn.slice(spec.legacyFqn.lastIndexOf('.') + 1);
    if (
      !input.text.includes(spec.legacyFqn) &&
      !(simple === 'Client' ? input.text.includes('kms20160120') : input.text.includes(simple))
    )
      continue;
    const r = rewriteJavaClients(input, spec);
    out.edits.push(...r.edits);
    out.findings.push(...r.findings);
    out.needs.push(...r.needs);
  }
  return out;
}

function rewriteJavaClients(input: RewriteInput, spec: JavaClientSpec): RewriteOutput {
  const { text, file, settings } = input;
  const findings: Finding[] = [];
  const edits: TextEdit[] = [];
  const root = parseTree('java', text).rootNode;
  const imports = readImports(root);
  const style = detectStyle(text);

  const sites: Site[] = [];
  for (const node of root.descendantsOfType('object_creation_expression')) {
    const type = node.childForFieldName('type');
    if (!type || !namesType(type.text, spec.legacyFqn, imports)) continue;
    if (!isTarget(input, node.startIndex, node.endIndex)) continue;
    if (node.namedChildren.some((c) => c.type === 'class_body')) {
      findings.push(
        noteAt(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          `anonymous subclass of ${spec.legacyFqn}: move its overrides to a ${spec.transferFqn} subclass by hand`,
          file,
          'java',
          text,
          node.startIndex,
          node.endIndex,
        ),
      );
      continue;
    }
    sites.push({ node, statement: enclosingStatement(node, text) });
  }
  if (sites.length === 0) return { edits, findings, needs: [] };

  // A Config of another library already owns the simple name: write ours fully qualified.
  const configOwner = imports.names.get('Config');
  const classNamedConfig = root
    .descendantsOfType([
      'class_declaration',
      'interface_declaration',
      'enum_declaration',
      'record_declaration',
    ])
    .some((c) => c.childForFieldName('name')?.text === 'Config');
  const configType = (configOwner && configOwner !== CONFIG_FQN) || classNamedConfig ? CONFIG_FQN : 'Config';
  const transferSimple = spec.transferFqn.slice(spec.transferFqn.lastIndexOf('.') + 1);
  const transferOwner = imports.names.get(transferSimple);
  const classNamedTransfer = root
    .descendantsOfType(['class_declaration', 'interface_declaration'])
    .some((c) => c.childForFieldName('name')?.text === transferSimple);
  const transferType =
    (transferOwner && transferOwner !== spec.transferFqn) || classNamedTransfer
      ? spec.transferFqn
      : transferSimple;
  const chain = configChain(configType, settings);

  // Block → config variable declared there. A block nested in one that declared it earlier reuses it:
  // Java refuses a local that shadows another local.
  const declared: { block: SyntaxNode; at: number; name: string }[] = [];
  for (const site of sites) {
    const type = site.node.childForFieldName('type') as SyntaxNode;
    edits.push({ start: type.startIndex, end: type.endIndex, text: transferType });
    let argument: string;
    if (site.statement) {
      const blockNode = site.statement.parent as SyntaxNode;
      let name = declared.find(
        (d) =>
          d.block.startIndex <= blockNode.startIndex &&
          d.block.endIndex >= blockNode.endIndex &&
          d.at <= site.node.startIndex,
      )?.name;
      if (!name) {
        const body = methodBody(blockNode);
        name = uniqueName('kmsConfig', identifiersIn(body));
        const at = lineStartOf(text, insertionAnchor(site.statement, text));
        declared.push({ block: blockNode, at, name });
        const indent = indentOfLine(text, site.statement.startIndex);
        const cont = indent + style.indentUnit + style.indentUnit;
        const lines = [
          `${indent}${configType} ${name} = ${chain[0]}`,
          ...chain.slice(1).map((l) => cont + l),
        ];
        lines[lines.length - 1] += ';';
        edits.push({ start: at, end: at, text: lines.join(style.eol) + style.eol });
      }
      argument = name;
    } else {
      const indent = indentOfLine(text, site.node.startIndex);
      const cont = indent + style.indentUnit + style.indentUnit;
      argument = [chain[0], ...chain.slice(1).map((l) => cont + l)].join(style.eol);
    }
    const args = site.node.childForFieldName('arguments') as SyntaxNode;
    const lastArg = args.namedChildren
      .filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment')
      .pop();
    if (lastArg) edits.push({ start: lastArg.endIndex, end: lastArg.endIndex, text: `, ${argument}` });
    else edits.push({ start: args.startIndex + 1, end: args.startIndex + 1, text: argument });
  }

  edits.unshift(
    ...importEdits(text, root, imports, style.eol, [
      ...(transferType === transferSimple ? [spec.transferFqn] : []),
      ...(configType === 'Config' ? [CONFIG_FQN] : []),
    ]),
  );
  if (spec.serverExceptions) findings.push(...serverExceptionCatches(root, input));
  return { edits, findings, needs: [spec.need] };
}

/** The outermost body around a block (method, constructor, initializer), for name clashes. */
function methodBody(blockNode: SyntaxNode): SyntaxNode {
  let cur: SyntaxNode = blockNode;
  while (cur.parent && !['class_body', 'program'].includes(cur.parent.type)) cur = cur.parent;
  return cur;
}

function importEdits(
  text: string,
  root: SyntaxNode,
  imports: ReturnType<typeof readImports>,
  eol: string,
  wanted: string[],
): TextEdit[] {
  const missing = [...wanted]
    .sort()
    .filter((fqn) => imports.names.get(fqn.slice(fqn.lastIndexOf('.') + 1)) !== fqn);
  if (missing.length === 0) return [];
  const lines = missing.map((fqn) => `import ${fqn};${eol}`).join('');
  if (imports.last) {
    const at = nextLineStart(text, imports.last.endIndex);
    const needsBreak = at === text.length && !text.endsWith('\n');
    return [{ start: at, end: at, text: (needsBreak ? eol : '') + lines }];
  }
  const pkg = root.namedChildren.find((n) => n.type === 'package_declaration');
  if (pkg) {
    const at = nextLineStart(text, pkg.endIndex);
    return [{ start: at, end: at, text: eol + lines }];
  }
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [{ start, end: start, text: lines + eol }];
}

const INSTANCE_REQUEST = /\b([A-Z][A-Za-z]*)Request\b/g;

/** `catch (ServerException e)` around instance-routed calls: the transfer client throws ClientException there. */
function serverExceptionCatches(root: SyntaxNode, input: RewriteInput): Finding[] {
  const out: Finding[] = [];
  for (const clause of root.descendantsOfType('catch_clause')) {
    const param = clause.namedChildren.find((c) => c.type === 'catch_formal_parameter');
    const types = param?.namedChildren.find((c) => c.type === 'catch_type')?.text ?? '';
    if (!/\bServerException\b/.test(types)) continue;
    // A sibling catch of ClientException (or a supertype) already receives the instance-side errors.
    const siblings = (clause.parent?.namedChildren ?? []).filter((c) => c.type === 'catch_clause');
    const caught = siblings
      .map((c) => c.namedChildren.find((p) => p.type === 'catch_formal_parameter')?.text ?? '')
      .join(' ');
    if (/\b(ClientException|Exception|Throwable)\b(?!\w)/.test(caught.replace(/\bServerException\b/g, '')))
      continue;
    const body = clause.parent?.childForFieldName('body')?.text ?? '';
    const actions = [...body.matchAll(INSTANCE_REQUEST)].map((m) => m[1]).filter((a) => isInstanceAction(a));
    const callsClient = /\.(getAcsResponse|doAction)\s*\(/.test(body);
    if (actions.length === 0 && !callsClient) continue;
    out.push(
      noteAt(
        MIGRATE_RULES.serverExceptionCatch,
        'warning',
        'this catch (ServerException) guards calls the transfer client sends to the KMS instance; ' +
          'instance-side errors arrive as ClientException there: catch ClientException too',
        input.file,
        'java',
        input.text,
        clause.startIndex,
        clause.endIndex,
        { actions: [...new Set(actions)] },
      ),
    );
  }
  return out;
}
