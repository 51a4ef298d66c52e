import type { ts } from 'ts-morph';
import { canonicalAction, KMS_ACTIONS } from '../../model/index.js';
import { propName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';

const ACTIONS = new Set(KMS_ACTIONS);

/** pop-core upper-cases the first letter of the action (unless formatAction:false): `reEncrypt` is `ReEncrypt`. */
export function popCoreAction(name: string): string | undefined {
  if (!name) return undefined;
  const upper = name[0].toUpperCase() + name.slice(1);
  return ACTIONS.has(upper) ? upper : undefined;
}

/** Tea client methods: `reEncrypt`, `reEncryptWithOptions` and any other `With*` form → `ReEncrypt`. */
export function teaMethodAction(name: string): string | undefined {
  return canonicalAction(name);
}

/**
 * The name a value is stored under: `const c = new X()`, `this.c = new X()`, `{ c: new X() }`,
 * `exports.c = ...`; `module.exports = ...` is the module's `default`.
 */
export function boundName(node: ts.Node): string | undefined {
  let p = node.parent;
  while (p && (tsc.isParenthesizedExpression(p) || tsc.isAsExpression(p) || tsc.isAwaitExpression(p)))
    p = p.parent;
  if (!p) return undefined;
  if (
    tsc.isVariableDeclaration(p) ||
    tsc.isPropertyDeclaration(p) ||
    tsc.isPropertyAssignment(p) ||
    tsc.isParameter(p)
  ) {
    return propName(p.name);
  }
  if (tsc.isBinaryExpression(p) && p.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
    const left = unwrap(p.left);
    if (tsc.isPropertyAccessExpression(left) && left.getText() === 'module.exports') return 'default';
    return receiverName(left);
  }
  return undefined;
}

/** `client` for `client`, `this.client`, `deps.kms.client`. */
export function receiverName(expr: ts.Node): string | undefined {
  expr = unwrap(expr);
  if (tsc.isIdentifier(expr)) return expr.text;
  if (tsc.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/** The name of the function, method or constructor around a node (for reports and factories). */
export function enclosingFunction(node: ts.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if ((tsc.isFunctionDeclaration(p) || tsc.isMethodDeclaration(p)) && p.name)
      return propName(p.name) ?? p.name.getText();
    if (tsc.isConstructorDeclaration(p)) return 'constructor';
    if ((tsc.isArrowFunction(p) || tsc.isFunctionExpression(p)) && p.parent) {
      const name = tsc.isFunctionExpression(p) && p.name ? p.name.text : boundName(p);
      if (name) return name;
    }
  }
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return (
    tsc.canHaveModifiers(node) && (tsc.getModifiers(node) ?? []).some((m: ts.Modifier) => m.kind === kind)
  );
}

/**
 * The name other files import a function or class by: its own name, or `default` for
 * `export default function`/`class` and `module.exports = ...`; undefined for methods and anonymous
 * callbacks, which no other file can name.
 */
export function exportedName(fn: ts.Node): string | undefined {
  if (tsc.isFunctionDeclaration(fn) || tsc.isClassDeclaration(fn)) {
    if (hasModifier(fn, tsc.SyntaxKind.DefaultKeyword)) return 'default';
    return fn.name?.text;
  }
  if (tsc.isArrowFunction(fn) || tsc.isFunctionExpression(fn) || tsc.isClassExpression(fn)) {
    const bound = boundName(fn);
    if (bound) return bound;
    if (tsc.isExportAssignment(fn.parent)) return 'default';
    return tsc.isFunctionExpression(fn) || tsc.isClassExpression(fn) ? fn.name?.text : undefined;
  }
  return undefined;
}
