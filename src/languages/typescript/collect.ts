import type { ts } from 'ts-morph';
import { type Binding, collectBinding, propName, unwrap } from './bindings.js';
import { noteEscapes } from './client-sends.js';
import { tsc } from './compiler.js';
import type { FileScope } from './file-scope.js';
import { nodeSdk } from './sdk-modules.js';

/**
 * The first phase: one walk over the tree (an explicit stack, so deeply nested input cannot overflow
 * the call stack) that records imports and bindings, `const` values, `this.x` values, typed names, and
 * every construction and call for the later phases.
 */
export function collect(scope: FileScope): void {
  const stack: ts.Node[] = [scope.sf];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    visit(scope, node);
    const children: ts.Node[] = [];
    tsc.forEachChild(node, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/**
 * Whether an expression can denote a module or one of its exports: `require(...)`, `import(...)`, or a
 * name already bound to one, under property accesses, `await`, `||`/`??` and parentheses. Most
 * declarations and assignments cannot, and skip the binding bookkeeping.
 */
function mayLoadModule(scope: FileScope, expr: ts.Node, depth = 0): boolean {
  if (depth > 16) return false;
  const e = unwrap(expr);
  if (tsc.isIdentifier(e)) return scope.bindings.has(e.text);
  if (tsc.isCallExpression(e))
    return (
      e.expression.kind === tsc.SyntaxKind.ImportKeyword ||
      (tsc.isIdentifier(e.expression) && e.expression.text === 'require')
    );
  if (tsc.isPropertyAccessExpression(e) || tsc.isAwaitExpression(e))
    return mayLoadModule(scope, e.expression, depth + 1);
  if (tsc.isBinaryExpression(e))
    return mayLoadModule(scope, e.left, depth + 1) || mayLoadModule(scope, e.right, depth + 1);
  return false;
}

/** Imports, and declarations or assignments (`X = require(...)` in a `try`) that may load a module. */
function mayBind(scope: FileScope, node: ts.Node): boolean {
  if (tsc.isImportDeclaration(node) || tsc.isImportEqualsDeclaration(node)) return true;
  if (tsc.isVariableDeclaration(node))
    return node.initializer !== undefined && mayLoadModule(scope, node.initializer);
  if (!tsc.isBinaryExpression(node) || node.operatorToken.kind !== tsc.SyntaxKind.EqualsToken) return false;
  return (
    tsc.isIdentifier(node.left) && !scope.bindings.has(node.left.text) && mayLoadModule(scope, node.right)
  );
}

function visit(scope: FileScope, node: ts.Node): void {
  if (mayBind(scope, node)) {
    const before = new Map(scope.bindings);
    const module = collectBinding(node, scope.bindings);
    if (module) onImport(scope, node, module, before);
  }
  if (tsc.isVariableDeclaration(node) && tsc.isIdentifier(node.name) && node.initializer) {
    scope.consts.set(node.name.text, node.initializer);
  }
  noteField(scope, node);
  noteDefaultExport(scope, node);
  if (
    (tsc.isParameter(node) || tsc.isPropertyDeclaration(node) || tsc.isVariableDeclaration(node)) &&
    node.type &&
    tsc.isTypeReferenceNode(node.type)
  ) {
    const name = propName(node.name);
    if (name) scope.typedNames.push({ name, type: node.type });
  }
  if (tsc.isNewExpression(node)) scope.news.push(node);
  else if (tsc.isCallExpression(node)) scope.calls.push(node);
  noteEscapes(scope, node);
}

/** `this.kms = createKms()` and `private kms = createKms()`: what a `this.kms` receiver holds. */
function noteField(scope: FileScope, node: ts.Node): void {
  if (
    tsc.isBinaryExpression(node) &&
    node.operatorToken.kind === tsc.SyntaxKind.EqualsToken &&
    tsc.isPropertyAccessExpression(node.left) &&
    node.left.expression.kind === tsc.SyntaxKind.ThisKeyword
  ) {
    scope.fields.set(node.left.name.text, node.right);
  } else if (tsc.isPropertyDeclaration(node) && node.initializer) {
    const name = propName(node.name);
    if (name) scope.fields.set(name, node.initializer);
  }
}

/** `module.exports = Rewrapper;` / `export default Rewrapper;`: other files import it as `default`. */
function noteDefaultExport(scope: FileScope, node: ts.Node): void {
  if (tsc.isExportAssignment(node) && tsc.isIdentifier(node.expression)) {
    scope.defaultExport = node.expression.text;
  } else if (
    tsc.isBinaryExpression(node) &&
    node.operatorToken.kind === tsc.SyntaxKind.EqualsToken &&
    tsc.isIdentifier(node.right) &&
    node.left.getText(scope.sf) === 'module.exports'
  ) {
    scope.defaultExport = node.right.text;
  }
}

function onImport(scope: FileScope, node: ts.Node, module: string, before: Map<string, Binding>): void {
  const names: { imported: string; local: string }[] = [];
  for (const [local, b] of scope.bindings)
    if (before.get(local) !== b) names.push({ imported: b.imported, local });
  scope.facts.imports.push({ module, names, range: scope.range(node) });
  if (nodeSdk(module)?.kmsModels) scope.facts.usesKmsModels = true;
}
