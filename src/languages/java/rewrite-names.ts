import type { SyntaxNode } from '../rewrite-kit/parse.js';
import type { JavaImports } from './rewrite-imports.js';

const OUTSIDE = new Set(['import_declaration', 'package_declaration']);

/** A name after a dot (`x.field`, `x.method()`, `a.b.Type`), or a method's own name: never a simple type name in scope. */
function isMemberName(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return false;
  switch (p.type) {
    case 'field_access':
      return p.childForFieldName('field')?.startIndex === n.startIndex;
    case 'method_invocation':
    case 'method_declaration':
    case 'scoped_identifier':
      return p.childForFieldName('name')?.startIndex === n.startIndex;
    case 'scoped_type_identifier':
      return p.firstNamedChild?.startIndex !== n.startIndex;
    default:
      return false;
  }
}

/**
 * Every simple name a Java file uses outside its imports: types of its own package (`Config.load()`
 * names a `Config` no import shows), nested classes, variables, fields. A simple type name we import
 * must be none of them, or our single-type import would hide theirs.
 */
export function namesInFile(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of root.descendantsOfType(['identifier', 'type_identifier'])) {
    if (isMemberName(n)) continue;
    let inside = false;
    for (let p = n.parent; p && !inside; p = p.parent) inside = OUTSIDE.has(p.type);
    if (!inside) out.add(n.text);
  }
  return out;
}

/**
 * How code writes a class we bring in: its simple name when the file imports it already, or when the
 * name is free (then an import is added); else fully qualified.
 */
export function typeName(fqn: string, imports: JavaImports, names: ReadonlySet<string>): string {
  const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
  const owner = imports.names.get(simple);
  if (owner === fqn) return simple;
  return owner === undefined && !names.has(simple) ? simple : fqn;
}
