import type { ClientTypeRef } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import type { GoImports } from './imports.js';
import { clientTypeFamily } from './known-packages.js';

const isExported = (name: string | undefined): name is string => !!name && /^\p{Lu}/u.test(name);

/** Whether a file's declarations can be public API: not package main, not a test, not under `internal/`. */
export function canExport(file: string, packageName: string | undefined): boolean {
  return packageName !== 'main' && !file.endsWith('_test.go') && !/(?:^|\/)internal\//.test(file);
}

/** `func (s *Store) M()` → `Store`. */
function receiverType(method: SyntaxNode): string | undefined {
  const param = method.childForFieldName('receiver')?.namedChildren[0];
  const type = param?.childForFieldName('type');
  const named = type?.type === 'pointer_type' ? type.namedChildren[0] : type;
  // `Store[T]`: the generic type's name
  return (named?.type === 'generic_type' ? named.childForFieldName('type') : named)?.text;
}

/** A field's names, or for an embedded field the name Go gives it (its type's name). */
function fieldName(field: SyntaxNode): string | undefined {
  const names = field.childrenForFieldName('name').map((n) => n.text);
  if (names.length > 0) return names.find(isExported);
  const type = field.childForFieldName('type');
  return type?.type === 'qualified_type' ? type.childForFieldName('name')?.text : type?.text;
}

/**
 * The exported declaration a type node belongs to (`func NewStore`, `field Store.Client`,
 * `method Store.Client`, `type Factory`, `var Default`), or undefined when it is local or unexported.
 */
export function apiOwner(node: SyntaxNode): string | undefined {
  let member: string | undefined;
  let kind = 'field';
  for (let cur: SyntaxNode = node; cur.parent; cur = cur.parent) {
    const p: SyntaxNode = cur.parent;
    switch (p.type) {
      case 'block':
      case 'func_literal':
        return undefined;
      case 'field_declaration': {
        const name = fieldName(p);
        if (!isExported(name)) return undefined;
        member = member ? `${name}.${member}` : name;
        break;
      }
      case 'method_elem':
      case 'method_spec': {
        const name = p.childForFieldName('name')?.text;
        if (!isExported(name)) return undefined;
        member = name;
        kind = 'method';
        break;
      }
      case 'type_spec':
      case 'type_alias': {
        const name = p.childForFieldName('name')?.text;
        if (!isExported(name)) return undefined;
        return member ? `${kind} ${name}.${member}` : `type ${name}`;
      }
      case 'function_declaration': {
        const name = p.childForFieldName('name')?.text;
        return isExported(name) ? `func ${name}` : undefined;
      }
      case 'method_declaration': {
        const name = p.childForFieldName('name')?.text;
        const recv = receiverType(p);
        return isExported(name) && isExported(recv) ? `method ${recv}.${name}` : undefined;
      }
      case 'var_spec':
      case 'const_spec': {
        // Only package-level specs get here: a function's own are inside its block.
        const name = p
          .childrenForFieldName('name')
          .map((n) => n.text)
          .find(isExported);
        return name ? `var ${name}` : undefined;
      }
    }
  }
  return undefined;
}

/** `kms.Client`, `*client.Client`, `*sdk.KmsTransferClient` written anywhere outside a construction. */
export function clientTypeRef(
  q: SyntaxNode,
  imports: GoImports,
  lines: LineIndex,
  exportable: boolean,
): ClientTypeRef | undefined {
  const path = imports.pathOf(q.childForFieldName('package')?.text ?? '');
  const name = q.childForFieldName('name')?.text ?? '';
  const family = path ? clientTypeFamily(path, name) : undefined;
  if (!path || !family) return undefined;
  const parent = q.parent;
  const use: ClientTypeRef['use'] =
    parent?.type === 'field_declaration' && parent.childrenForFieldName('name').length === 0
      ? 'embedded'
      : parent?.type === 'composite_literal'
        ? 'literal'
        : 'reference';
  const api = exportable ? apiOwner(q) : undefined;
  return {
    family,
    qualifiedName: `${path}.${name}`,
    range: nodeRange(q, lines),
    use,
    ...(api ? { api } : {}),
  };
}
