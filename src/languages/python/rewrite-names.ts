import { uniqueName } from '../rewrite-kit/names.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import type { PythonImports } from './rewrite-imports.js';

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** An identifier that names no variable: `x.attr`'s attribute, `f(name=...)`'s keyword. */
function isMemberName(n: SyntaxNode): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'attribute') return p.childForFieldName('attribute')?.startIndex === n.startIndex;
  if (p.type === 'keyword_argument') return p.childForFieldName('name')?.startIndex === n.startIndex;
  return false;
}

function inImport(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (IMPORTS.has(p.type)) return true;
  return false;
}

/**
 * Every name a Python file binds or refers to, anywhere: module globals, locals of every function,
 * bindings after any insertion point (`Config = configparser.ConfigParser()` on the last line
 * counts), and names imports bind. A name the rewrite adds must be none of them.
 */
export function namesInFile(root: SyntaxNode, imports: PythonImports): Set<string> {
  const taken = new Set<string>();
  for (const n of root.descendantsOfType('identifier')) {
    if (!isMemberName(n) && !inImport(n)) taken.add(n.text);
  }
  for (const local of imports.bound.keys()) taken.add(local);
  return taken;
}

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern']);
const FIELD_BINDERS: Record<string, string> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  named_expression: 'name',
  function_definition: 'name',
  class_definition: 'name',
  default_parameter: 'name',
  typed_default_parameter: 'name',
};
const BINDERS = new Set([
  'parameters',
  'lambda_parameters',
  'as_pattern_target',
  'global_statement',
  'nonlocal_statement',
  'dictionary_splat_pattern',
]);

/** Whether an identifier is bound where it stands (assigned, a parameter, a def, a `for` or `as` target). */
function bindsHere(n: SyntaxNode): boolean {
  let cur = n;
  while (cur.parent && PATTERNS.has(cur.parent.type)) cur = cur.parent;
  const p = cur.parent;
  if (!p) return false;
  if (BINDERS.has(p.type)) return true;
  if (p.type === 'typed_parameter') return p.firstNamedChild?.startIndex === cur.startIndex;
  const field = FIELD_BINDERS[p.type];
  return field !== undefined && p.childForFieldName(field)?.startIndex === cur.startIndex;
}

/** Names a statement other than an import binds, anywhere in the file. */
export function boundOutsideImports(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of root.descendantsOfType('identifier')) if (bindsHere(n) && !inImport(n)) out.add(n.text);
  return out;
}

/** The file's names, as the rewrite picks new ones among them. */
export interface PythonScope {
  taken: Set<string>;
  imports: PythonImports;
  /** Names bound by assignments, definitions, parameters and targets (not imports). */
  rebound: Set<string>;
}

export function scopeOf(root: SyntaxNode, imports: PythonImports): PythonScope {
  return { taken: namesInFile(root, imports), imports, rebound: boundOutsideImports(root) };
}

/**
 * The local name for something the rewrite refers to: the name the file already imports it under
 * (`ours` is that import's target), unless the file rebinds that name; else `base` when it is free,
 * else a free `alias`, `alias<sep>2`, ... (imported under that alias).
 */
export function pickName(
  scope: PythonScope,
  base: string,
  ours: string,
  alias = base,
  sep = '',
): { local: string; imported: boolean } {
  for (const [local, from] of scope.imports.bound)
    if (from === ours && !scope.rebound.has(local)) return { local, imported: true };
  const local = scope.taken.has(base) ? uniqueName(alias, scope.taken, sep) : base;
  scope.taken.add(local);
  return { local, imported: false };
}

/**
 * `os`: the module-level `import os` when there is one; else `os` itself when nothing but
 * `import os` statements (inside functions) binds it, since a module-level import then changes
 * nothing for them; else a free alias.
 */
export function pickOs(scope: PythonScope): { local: string; imported: boolean } {
  if (scope.imports.hasOs && !scope.rebound.has('os')) return { local: 'os', imported: true };
  const bound = scope.imports.bound.get('os');
  if (!scope.rebound.has('os') && (bound === undefined || bound === 'os')) {
    scope.taken.add('os');
    return { local: 'os', imported: false };
  }
  return pickName(scope, 'os', '\0', 'os', '_');
}
