import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { isInstanceAction } from '../../model/kms-actions.js';
import { MIGRATE_RULES, type Reporter, reporterFor } from '../rewrite-kit/findings.js';
import { uniqueName } from '../rewrite-kit/names.js';
import { insertionAnchor, parseTree, type SyntaxNode } from '../rewrite-kit/parse.js';
import {
  isTarget,
  mergeOutputs,
  noRewrite,
  type RewriteInput,
  type RewriteOutput,
  type TransferNeed,
} from '../rewrite-kit/rewriter.js';
import { enclosingStatement, type StatementShape, startsOwnLine } from '../rewrite-kit/statements.js';
import { detectStyle, indentOfLine, lineStartOf, type TextStyle } from '../rewrite-kit/text-style.js';
import { configChain } from './rewrite-config.js';
import { importEdits, type JavaImports, namesType, readImports } from './rewrite-imports.js';
import { namesInFile, typeName } from './rewrite-names.js';

const CONFIG_FQN = 'com.aliyun.dkms.gcs.openapi.models.Config';
const JAVA_STATEMENTS: StatementShape = {
  parents: new Set(['block', 'constructor_body', 'switch_block_statement_group']),
  barriers: new Set([
    'lambda_expression',
    'class_body',
    'field_declaration',
    'explicit_constructor_invocation',
  ]),
};

/**
 * One legacy client class and the transfer class that replaces it, config appended last. Both
 * transfer classes extend the class they replace (KmsTransferAcsClient extends DefaultAcsClient,
 * TransferClient extends the V2 Client), so fields, parameters and beans typed with the legacy class
 * keep compiling: in Java only the construction changes.
 */
interface JavaClientSpec {
  legacyFqn: string;
  transferFqn: string;
  need: TransferNeed;
  /** Warn about catch (ServerException) (the legacy IAcsClient family only). */
  serverExceptions: boolean;
}

const SPECS: JavaClientSpec[] = [
  {
    legacyFqn: 'com.aliyuncs.DefaultAcsClient',
    transferFqn: 'com.aliyun.kms.KmsTransferAcsClient',
    need: 'java-transfer',
    serverExceptions: true,
  },
  // V2 (Tea) client → the vendor KMS SDK's TransferClient(openApiConfig, kmsConfig).
  {
    legacyFqn: 'com.aliyun.kms20160120.Client',
    transferFqn: 'com.aliyun.kms.kms20160120.TransferClient',
    need: 'java-kms-sdk',
    serverExceptions: false,
  },
];

/** What both client kinds of one file share: the config variables declared so far and the imports added. */
interface JavaFile {
  input: RewriteInput;
  root: SyntaxNode;
  imports: JavaImports;
  names: Set<string>;
  style: TextStyle;
  report: Reporter;
  declared: { block: SyntaxNode; at: number; name: string }[];
  added: Set<string>;
}

interface Site {
  node: SyntaxNode;
  /** Statement the config variable goes before, when the client is built inside a body. */
  statement?: SyntaxNode;
}

/**
 * Java: `new DefaultAcsClient(...)` → `new KmsTransferAcsClient(..., config)` and
 * `new com.aliyun.kms20160120.Client(cfg)` → `new TransferClient(cfg, config)`.
 */
export function rewriteJava(input: RewriteInput): RewriteOutput {
  let file: JavaFile | undefined;
  const outs: RewriteOutput[] = [];
  for (const spec of SPECS) {
    const simple = spec.legacyFqn.slice(spec.legacyFqn.lastIndexOf('.') + 1);
    const mentioned =
      input.text.includes(spec.legacyFqn) ||
      (simple === 'Client' ? input.text.includes('kms20160120') : input.text.includes(simple));
    if (!mentioned) continue;
    file ??= openFile(input);
    outs.push(rewriteJavaClients(file, spec));
  }
  return mergeOutputs(...outs);
}

function openFile(input: RewriteInput): JavaFile {
  const root = parseTree('java', input.text).rootNode;
  return {
    input,
    root,
    imports: readImports(root),
    names: namesInFile(root),
    style: detectStyle(input.text),
    report: reporterFor(input),
    declared: [],
    added: new Set(),
  };
}

/** One client kind of one file, in phases: targets → names → config and constructions → imports. */
function rewriteJavaClients(file: JavaFile, spec: JavaClientSpec): RewriteOutput {
  const { sites, findings } = findSites(file, spec);
  if (sites.length === 0) return noRewrite(findings);
  const configType = typeName(CONFIG_FQN, file.imports, file.names);
  const transferType = typeName(spec.transferFqn, file.imports, file.names);
  const chain = configChain(configType, file.input.settings);
  const edits = sites.flatMap((site) => rewriteSite(file, site, transferType, chain, configType));
  const wanted = [
    ...(transferType === spec.transferFqn ? [] : [spec.transferFqn]),
    ...(configType === CONFIG_FQN ? [] : [CONFIG_FQN]),
  ].filter((fqn) => !file.added.has(fqn));
  for (const fqn of wanted) file.added.add(fqn);
  const imports = importEdits(file.input.text, file.root, file.imports, file.style.eol, wanted);
  if (spec.serverExceptions) findings.push(...serverExceptionCatches(file));
  // Imports first: they may share an offset with nothing else, but keep the order of the other rewriters.
  return mergeOutputs({ edits: imports, findings: [], needs: [spec.need] }, { edits, findings, needs: [] });
}

/** Targets: the constructions scan chose; an anonymous subclass is reported, not rewritten. */
function findSites(file: JavaFile, spec: JavaClientSpec): { sites: Site[]; findings: Finding[] } {
  const sites: Site[] = [];
  const findings: Finding[] = [];
  for (const node of file.root.descendantsOfType('object_creation_expression')) {
    const type = node.childForFieldName('type');
    if (!type || !namesType(type.text, spec.legacyFqn, file.imports)) continue;
    if (!isTarget(file.input, node.startIndex, node.endIndex)) continue;
    if (node.namedChildren.some((c) => c.type === 'class_body')) {
      findings.push(
        file.report(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          node,
          `anonymous subclass of ${spec.legacyFqn}: move its overrides to a ${spec.transferFqn} subclass by hand`,
        ),
      );
      continue;
    }
    const statement = enclosingStatement(node, JAVA_STATEMENTS);
    sites.push({
      node,
      statement: statement && startsOwnLine(file.input.text, statement) ? statement : undefined,
    });
  }
  return { sites, findings };
}

/**
 * Config and construction: a `Config kmsConfig = ...` before the statement (reused by later
 * constructions of the block and of blocks inside it: Java refuses a local that shadows another), or
 * the config chain inline where no statement can go first; then the class renamed and the config
 * passed last.
 */
function rewriteSite(
  file: JavaFile,
  site: Site,
  transferType: string,
  chain: string[],
  configType: string,
): TextEdit[] {
  const { text } = file.input;
  const { style } = file;
  const type = site.node.childForFieldName('type') as SyntaxNode;
  const edits: TextEdit[] = [{ start: type.startIndex, end: type.endIndex, text: transferType }];
  let argument: string;
  if (site.statement) {
    const blockNode = site.statement.parent as SyntaxNode;
    let name = file.declared.find(
      (d) =>
        d.block.startIndex <= blockNode.startIndex &&
        d.block.endIndex >= blockNode.endIndex &&
        d.at <= site.node.startIndex,
    )?.name;
    if (!name) {
      name = uniqueName('kmsConfig', identifiersIn(methodBody(blockNode)));
      const at = lineStartOf(text, insertionAnchor(site.statement, text));
      file.declared.push({ block: blockNode, at, name });
      const indent = indentOfLine(text, site.statement.startIndex);
      const cont = indent + style.indentUnit + style.indentUnit;
      const lines = [`${indent}${configType} ${name} = ${chain[0]}`, ...chain.slice(1).map((l) => cont + l)];
      lines[lines.length - 1] += ';';
      edits.push({ start: at, end: at, text: lines.join(style.eol) + style.eol });
    }
    argument = name;
  } else {
    const cont = indentOfLine(text, site.node.startIndex) + style.indentUnit + style.indentUnit;
    argument = [chain[0], ...chain.slice(1).map((l) => cont + l)].join(style.eol);
  }
  const args = site.node.childForFieldName('arguments') as SyntaxNode;
  const lastArg = args.namedChildren
    .filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment')
    .pop();
  if (lastArg) edits.push({ start: lastArg.endIndex, end: lastArg.endIndex, text: `, ${argument}` });
  else edits.push({ start: args.startIndex + 1, end: args.startIndex + 1, text: argument });
  return edits;
}

function identifiersIn(node: SyntaxNode): Set<string> {
  return new Set(node.descendantsOfType('identifier').map((n) => n.text));
}

/** The outermost body around a block (method, constructor, initializer): a local's whole scope. */
function methodBody(blockNode: SyntaxNode): SyntaxNode {
  let cur: SyntaxNode = blockNode;
  while (cur.parent && !['class_body', 'program'].includes(cur.parent.type)) cur = cur.parent;
  return cur;
}

const INSTANCE_REQUEST = /\b([A-Z][A-Za-z]*)Request\b/g;

/** `catch (ServerException e)` around instance-routed calls: the transfer client throws ClientException there. */
function serverExceptionCatches(file: JavaFile): Finding[] {
  const out: Finding[] = [];
  for (const clause of file.root.descendantsOfType('catch_clause')) {
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
      file.report(
        MIGRATE_RULES.serverExceptionCatch,
        'warning',
        clause,
        'this catch (ServerException) guards calls the transfer client sends to the KMS instance; ' +
          'instance-side errors arrive as ClientException there: catch ClientException too',
        { actions: [...new Set(actions)] },
      ),
    );
  }
  return out;
}
