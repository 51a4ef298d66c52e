// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { tsc } from './compiler.js';

/** An identifier that names a member (`x.name`, `{ name: ... }`, a class member), not a binding in scope. */
function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (tsc.isPropertyAccessExpression(p)) return p.name === id;
  if (tsc.isQualifiedName(p)) return p.right === id;
  if (
    tsc.isPropertyAssignment(p) ||
    tsc.isPropertyDeclaration(p) ||
    tsc.isPropertySignature(p) ||
    tsc.isMethodDeclaration(p) ||
    tsc.isMethodSignature(p) ||
    tsc.isGetAccessorDeclaration(p) ||
    tsc.isSetAccessorDeclaration(p) ||
    tsc.isEnumMember(p)
  )
    return p.name === id;
  return false;
}

/**
 * Every name a TS/JS file binds or refers to, in every scope (later declarations included). A name
 * the rewrite imports must be none of them.
 */
export function namesInFile(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (tsc.isIdentifier(node) && !isMemberName(node)) out.add(node.text);
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
