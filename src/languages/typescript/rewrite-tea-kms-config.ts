// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { type Binding, collectBinding, resolveModuleRef, unwrap } from './bindings.js';
import { tsc } from './compiler.js';

export const TEA_KMS_MODULE = '@alicloud/kms20160120';
/** Where a kms20160120 client's `Config` class comes from (1.x: rpc-client; the generator's 2.x: openapi-client). */
const CONFIG_MODULES = new Set(['@alicloud/rpc-client', '@alicloud/openapi-client']);
const CLIENT_EXPORTS = new Set(['default', 'Client', '*']);

/** The object literal that configures a client, or why the rewriter cannot reach one in this file. */
export type ConfigLookup = { obj: ts.ObjectLiteralExpression } | { reason: string };

/** Every name the file binds to a module export, wherever it is declared. */
export function fileBindings(sf: ts.SourceFile): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (
      tsc.isImportDeclaration(node) ||
      tsc.isImportEqualsDeclaration(node) ||
      tsc.isVariableDeclaration(node)
    )
      collectBinding(node, bindings);
    tsc.forEachChild(node, (c) => {
      stack.push(c);
    });
  }
  return bindings;
}

/** `new Kms20160120(...)`, `new $Kms.default(...)`, `new (require('@alicloud/kms20160120').default)(...)`. */
export function isTeaKmsConstruction(node: ts.NewExpression, bindings: Map<string, Binding>): boolean {
  const ref = resolveModuleRef(node.expression, bindings);
  return ref?.module === TEA_KMS_MODULE && CLIENT_EXPORTS.has(ref.imported);
}

function isConfigClass(expr: ts.Expression, bindings: Map<string, Binding>): boolean {
  const ref = resolveModuleRef(expr, bindings);
  return ref !== undefined && CONFIG_MODULES.has(ref.module) && ref.imported === 'Config';
}

function functionName(fn: ts.SignatureDeclaration): string {
  if (fn.name && (tsc.isIdentifier(fn.name) || tsc.isStringLiteral(fn.name))) return fn.name.text;
  const parent = fn.parent;
  if (parent && tsc.isVariableDeclaration(parent) && tsc.isIdentifier(parent.name)) return parent.name.text;
  return 'its function';
}

type Declared =
  | { kind: 'variable'; decl: ts.VariableDeclaration }
  | { kind: 'parameter'; fn: ts.SignatureDeclaration }
  | undefined;

/** The nearest declaration of `name` visible from `from`, walking out through blocks and functions. */
function declarationOf(name: string, from: ts.Node): Declared {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    if (tsc.isFunctionLike(scope)) {
      for (const p of scope.parameters)
        if (tsc.isIdentifier(p.name) && p.name.text === name) return { kind: 'parameter', fn: scope };
    }
    const statements =
      tsc.isBlock(scope) || tsc.isSourceFile(scope) || tsc.isModuleBlock(scope) || tsc.isCaseClause(scope)
        ? scope.statements
        : undefined;
    for (const st of statements ?? []) {
      if (!tsc.isVariableStatement(st)) continue;
      for (const decl of st.declarationList.declarations)
        if (tsc.isIdentifier(decl.name) && decl.name.text === name) return { kind: 'variable', decl };
    }
  }
  return undefined;
}

/** `name = ...` anywhere in the file: the object literal we would edit may not be what the client gets. */
function isReassigned(name: string, sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (
      tsc.isBinaryExpression(n) &&
      n.operatorToken.kind === tsc.SyntaxKind.EqualsToken &&
      tsc.isIdentifier(unwrap(n.left)) &&
      (unwrap(n.left) as ts.Identifier).text === name
    )
      found = true;
    else tsc.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * Follows a client's config argument to the object literal it is built from, in this file only:
 * inline, `new $RPC.Config({...})` / `new $OpenApi.Config({...})`, or a same-file variable holding either.
 */
export function findConfig(
  arg: ts.Expression | undefined,
  sf: ts.SourceFile,
  bindings: Map<string, Binding>,
  depth = 0,
): ConfigLookup {
  if (!arg) return { reason: 'the client is built without a config argument' };
  if (depth > 4)
    return { reason: `\`${arg.getText(sf)}\` is too many assignments away from its object literal` };
  const e = unwrap(arg) as ts.Expression;
  if (tsc.isObjectLiteralExpression(e)) return { obj: e };
  if (tsc.isNewExpression(e)) {
    if (!isConfigClass(e.expression, bindings))
      return {
        reason: `its config \`${e.expression.getText(sf)}\` is not an @alicloud/rpc-client or openapi-client Config`,
      };
    const first = e.arguments?.[0] && unwrap(e.arguments[0]);
    if (first && tsc.isObjectLiteralExpression(first)) return { obj: first };
    return { reason: `its \`new ${e.expression.getText(sf)}(...)\` is not given an object literal` };
  }
  if (tsc.isIdentifier(e)) {
    const declared = declarationOf(e.text, e);
    if (declared?.kind === 'parameter') {
      return {
        reason: `its config \`${e.text}\` is a parameter of ${functionName(declared.fn)}, built by its callers: set \`endpoint\` where they build it`,
      };
    }
    if (declared?.kind === 'variable') {
      if (isReassigned(e.text, sf))
        return {
          reason: `its config \`${e.text}\` is reassigned in this file, so the rewriter cannot tell which one the client gets`,
        };
      if (!declared.decl.initializer)
        return { reason: `its config \`${e.text}\` is declared without a value` };
      return findConfig(declared.decl.initializer, sf, bindings, depth + 1);
    }
    const imported = bindings.get(e.text);
    if (imported)
      return {
        reason: `its config \`${e.text}\` is imported from '${imported.module}': set \`endpoint\` to process.env.KMS_INSTANCE_ENDPOINT there`,
      };
    return { reason: `its config \`${e.text}\` is not defined in this file` };
  }
  return {
    reason: `its config comes from \`${e.getText(sf).slice(0, 80)}\`, which the rewriter cannot follow`,
  };
}
