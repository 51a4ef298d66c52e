import type { ts } from 'ts-morph';
import { tsc } from './compiler.js';

/** A local name bound to a module export: `import X from 'm'` → { module: 'm', imported: 'default' }. */
export interface Binding {
  module: string;
  /** 'default' (also `module.exports` through require/`import =`), '*' for namespaces, or the export name. */
  imported: string;
}

/** `require('m')` → 'm'; anything else → undefined. */
export function requiredModule(node: ts.Node): string | undefined {
  node = unwrap(node);
  if (
    tsc.isCallExpression(node) &&
    tsc.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    tsc.isStringLiteralLike(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return undefined;
}

/** `import('m')` or `await import('m')` → 'm': a dynamic import, which yields the module namespace. */
export function dynamicImportModule(node: ts.Node): string | undefined {
  node = unwrap(node);
  if (tsc.isAwaitExpression(node)) node = unwrap(node.expression);
  if (
    tsc.isCallExpression(node) &&
    node.expression.kind === tsc.SyntaxKind.ImportKeyword &&
    node.arguments.length >= 1 &&
    tsc.isStringLiteralLike(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return undefined;
}

/** Strips parentheses, `as`, `!` and `satisfies`, which never change what a value is. */
export function unwrap(node: ts.Node): ts.Node {
  for (;;) {
    if (tsc.isParenthesizedExpression(node) || tsc.isAsExpression(node) || tsc.isNonNullExpression(node))
      node = node.expression;
    else if (tsc.isSatisfiesExpression(node)) node = node.expression;
    else return node;
  }
}

/** The written name of a property or binding: `a`, `'a'`, `#a`; undefined for computed names and patterns. */
export function propName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (tsc.isIdentifier(name) || tsc.isStringLiteralLike(name) || tsc.isPrivateIdentifier(name))
    return name.text;
  return undefined;
}

/** `process.env.X` / `process.env['X']` → 'X'; anything else → undefined. */
export function processEnvName(expr: ts.Node): string | undefined {
  const e = unwrap(expr);
  const isProcessEnv = (n: ts.Node) =>
    tsc.isPropertyAccessExpression(n) &&
    tsc.isIdentifier(n.expression) &&
    n.expression.text === 'process' &&
    n.name.text === 'env';
  if (tsc.isPropertyAccessExpression(e) && isProcessEnv(unwrap(e.expression))) return e.name.text;
  if (
    tsc.isElementAccessExpression(e) &&
    isProcessEnv(unwrap(e.expression)) &&
    tsc.isStringLiteralLike(e.argumentExpression)
  )
    return e.argumentExpression.text;
  return undefined;
}

/**
 * What a module-valued expression denotes: `require('m')` → default of m, `require('m').X` → X of m,
 * `ns.X` where ns is a namespace/default binding → X of m.
 */
export function resolveModuleRef(
  expr: ts.Node,
  bindings: Map<string, Binding>,
  depth = 0,
): Binding | undefined {
  if (depth > 16) return undefined;
  expr = unwrap(expr);
  const req = requiredModule(expr);
  if (req) return { module: req, imported: 'default' };
  const dynamic = dynamicImportModule(expr);
  if (dynamic) return { module: dynamic, imported: '*' };
  if (tsc.isAwaitExpression(expr)) return resolveModuleRef(expr.expression, bindings, depth + 1);
  // `require('@alicloud/pop-core') || require('./vendor/pop-core')`: the first one that resolves.
  if (
    tsc.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === tsc.SyntaxKind.BarBarToken ||
      expr.operatorToken.kind === tsc.SyntaxKind.QuestionQuestionToken)
  )
    return (
      resolveModuleRef(expr.left, bindings, depth + 1) ?? resolveModuleRef(expr.right, bindings, depth + 1)
    );
  if (tsc.isIdentifier(expr)) return bindings.get(expr.text);
  if (tsc.isPropertyAccessExpression(expr)) {
    const base = resolveModuleRef(expr.expression, bindings, depth + 1);
    if (base && (base.imported === 'default' || base.imported === '*')) {
      return { module: base.module, imported: expr.name.text };
    }
  }
  return undefined;
}

/** Records the bindings one statement-level declaration introduces (ESM, `import =`, CommonJS). */
export function collectBinding(node: ts.Node, bindings: Map<string, Binding>): string | undefined {
  if (tsc.isImportDeclaration(node) && tsc.isStringLiteral(node.moduleSpecifier)) {
    const module = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause?.name) bindings.set(clause.name.text, { module, imported: 'default' });
    const nb = clause?.namedBindings;
    if (nb && tsc.isNamespaceImport(nb)) bindings.set(nb.name.text, { module, imported: '*' });
    if (nb && tsc.isNamedImports(nb)) {
      for (const el of nb.elements) {
        bindings.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
      }
    }
    return module;
  }
  if (
    tsc.isImportEqualsDeclaration(node) &&
    tsc.isExternalModuleReference(node.moduleReference) &&
    tsc.isStringLiteralLike(node.moduleReference.expression)
  ) {
    const module = node.moduleReference.expression.text;
    bindings.set(node.name.text, { module, imported: 'default' });
    return module;
  }
  if (tsc.isVariableDeclaration(node) && node.initializer) {
    const ref = resolveModuleRef(node.initializer, bindings);
    if (!ref) return undefined;
    if (tsc.isIdentifier(node.name)) bindings.set(node.name.text, ref);
    else if (tsc.isObjectBindingPattern(node.name) && (ref.imported === 'default' || ref.imported === '*')) {
      for (const el of node.name.elements) {
        if (!tsc.isIdentifier(el.name)) continue;
        const prop =
          el.propertyName && tsc.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        bindings.set(el.name.text, { module: ref.module, imported: prop });
      }
    }
    return moduleAtBase(node.initializer);
  }
  // `let Core; try { Core = require('@alicloud/pop-core'); } catch { Core = require('./shim'); }`: the
  // first assignment binds, so a fallback in the catch does not hide the SDK.
  if (
    tsc.isBinaryExpression(node) &&
    node.operatorToken.kind === tsc.SyntaxKind.EqualsToken &&
    tsc.isIdentifier(node.left) &&
    !bindings.has(node.left.text)
  ) {
    const ref = resolveModuleRef(node.right, bindings);
    if (!ref) return undefined;
    bindings.set(node.left.text, ref);
    return moduleAtBase(node.right);
  }
  return undefined;
}

/** `require('m').A.B`, `(await import('m')).default` → 'm': the module an import chain starts from. */
function moduleAtBase(init: ts.Node): string | undefined {
  let n = unwrap(init);
  for (;;) {
    if (tsc.isPropertyAccessExpression(n)) n = unwrap(n.expression);
    else if (tsc.isBinaryExpression(n)) n = unwrap(n.left);
    else break;
  }
  return requiredModule(n) ?? dynamicImportModule(n);
}
