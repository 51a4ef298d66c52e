import type { SyntaxNode } from '../tree-sitter/grammar.js';
import {
  closestOfKind,
  identifierAt,
  sameNode,
  substringOccurrences,
  wordOccurrences,
} from '../tree-sitter/text-occurrences.js';

/** Expressions that can carry a key id, a credential or a client (`int s = 0` and arithmetic cannot). */
export const VALUE_CARRIERS = new Set([
  'string_literal',
  'method_invocation',
  'object_creation_expression',
  'identifier',
  'field_access',
  'parenthesized_expression',
  'cast_expression',
  'lambda_expression',
  'ternary_expression',
]);

const NAME = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|//[^\n]*\n)*`;
/** `name = "…"`: a declarator (or assignment) whose value is a string literal. */
const STRING_VALUE = new RegExp(`(${NAME})${GAP}=${GAP}"`, 'gdu');
/** `x.field = …` and compound forms, not `==`. */
const FIELD_WRITE = new RegExp(`\\.${GAP}(${NAME})${GAP}(?:[-+*/%&|^]|<<|>>>?)?=(?!=)`, 'gdu');
/** `name(` (comments allowed before the parenthesis): a call's name. */
const CALLED = new RegExp(`(${NAME})${GAP}\\(`, 'gdu');
const DECLARATIONS = new Set(['formal_parameter', 'field_declaration']);

/** Pre-order, as a walk of the tree meets them: by start, an enclosing node before what it holds. */
function inTreeOrder(nodes: Iterable<SyntaxNode>): SyntaxNode[] {
  const keyed = [...nodes].map((node) => ({ node, start: node.startIndex, end: node.endIndex }));
  keyed.sort((a, b) => a.start - b.start || b.end - a.end);
  return keyed.map((k) => k.node);
}

/** Where a Java file declares, assigns and hands on names, and the nodes the extractor reads by kind. */
export interface JavaSites {
  valuesOf(name: string): { declared: SyntaxNode[]; assigned: SyntaxNode[] };
  stringDeclarators(): { name: string; value: SyntaxNode }[];
  fieldWrites(): { left: SyntaxNode; right: SyntaxNode }[];
  handedOn(name: string): boolean;
  notableDeclarations(): SyntaxNode[];
  imports(): SyntaxNode[];
  creations(): SyntaxNode[];
  calls(wanted: (name: string) => boolean): SyntaxNode[];
}

/**
 * The places in a Java file where a name is declared, assigned or handed on, found from the text and
 * confirmed on the tree. Most declarations of a large file (`int s = 0`) matter to no fact; finding
 * the few that do by their text, then asking the tree about those offsets, costs a handful of native
 * calls instead of one per declaration, which is what keeps re-extraction on every keystroke cheap.
 */
export class JavaNameSites implements JavaSites {
  constructor(
    private readonly text: string,
    private readonly root: SyntaxNode,
  ) {}

  /** The values given to `name` by declarators and by assignments (to it or to a field of that name), in document order. */
  valuesOf(name: string): { declared: SyntaxNode[]; assigned: SyntaxNode[] } {
    const declared: SyntaxNode[] = [];
    const assigned: SyntaxNode[] = [];
    for (const at of wordOccurrences(this.text, name)) {
      const id = identifierAt(this.root, at, name.length);
      if (!id) continue;
      const parent = id.parent;
      if (parent?.type === 'variable_declarator') {
        if (!sameNode(parent.childForFieldName('name'), id)) continue;
        const value = parent.childForFieldName('value');
        if (value && VALUE_CARRIERS.has(value.type)) declared.push(value);
        continue;
      }
      const right = this.assignedTo(this.written(id));
      if (right && VALUE_CARRIERS.has(right.type)) assigned.push(right);
    }
    return { declared, assigned };
  }

  /** Declarators whose value is a string literal: `String secret = "…"`. */
  stringDeclarators(): { name: string; value: SyntaxNode }[] {
    const out: { name: string; value: SyntaxNode }[] = [];
    for (const m of this.text.matchAll(STRING_VALUE)) {
      const [start, end] = m.indices?.[1] ?? [m.index, m.index];
      const id = identifierAt(this.root, start, end - start);
      const declarator = id?.parent;
      if (!id || declarator?.type !== 'variable_declarator') continue;
      if (!sameNode(declarator.childForFieldName('name'), id)) continue;
      const value = declarator.childForFieldName('value');
      if (value?.type === 'string_literal') out.push({ name: id.text, value });
    }
    return out;
  }

  /** Assignments to a field access, `config.endpoint = …`, `this.client = …`, with a value that can carry one. */
  fieldWrites(): { left: SyntaxNode; right: SyntaxNode }[] {
    const out: { left: SyntaxNode; right: SyntaxNode }[] = [];
    for (const m of this.text.matchAll(FIELD_WRITE)) {
      const [start, end] = m.indices?.[1] ?? [m.index, m.index];
      const id = identifierAt(this.root, start, end - start);
      const left = id?.parent;
      if (!id || left?.type !== 'field_access' || !sameNode(left.childForFieldName('field'), id)) continue;
      const right = this.assignedTo(left);
      if (right && VALUE_CARRIERS.has(right.type)) out.push({ left, right });
    }
    return out;
  }

  /** Whether `name` (a variable or field) is passed to a call or constructor, stored in another variable or returned. */
  handedOn(name: string): boolean {
    for (const at of wordOccurrences(this.text, name)) {
      const id = identifierAt(this.root, at, name.length);
      if (!id) continue;
      const node = this.written(id);
      const parent = node.parent;
      if (!parent) continue;
      if (parent.type === 'argument_list') {
        const holder = parent.parent?.type;
        if (holder === 'method_invocation' || holder === 'object_creation_expression') return true;
      } else if (parent.type === 'variable_declarator') {
        if (sameNode(parent.childForFieldName('value'), node)) return true;
      } else if (parent.type === 'assignment_expression') {
        if (sameNode(parent.childForFieldName('right'), node)) return true;
      } else if (parent.type === 'return_statement') {
        if (sameNode(parent.namedChildren[0], node)) return true;
      }
    }
    return false;
  }

  /**
   * Parameters and fields that may be client-typed or annotated (a `…Client` in their type, an `@` in
   * their modifiers), in document order. Both sit a few levels above the type or annotation token.
   */
  notableDeclarations(): SyntaxNode[] {
    const found = new Map<number, SyntaxNode>();
    const offsets = [...substringOccurrences(this.text, 'Client'), ...substringOccurrences(this.text, '@')];
    for (const at of offsets) {
      const declaration = closestOfKind(this.root.descendantForIndex(at), DECLARATIONS, 5);
      if (declaration) found.set(declaration.startIndex, declaration);
    }
    return inTreeOrder(found.values());
  }

  /** `import …;` declarations, in document order. */
  imports(): SyntaxNode[] {
    return this.keywordParents('import', 'import_declaration');
  }

  /** `new T(…)` expressions, in tree order. */
  creations(): SyntaxNode[] {
    return this.keywordParents('new', 'object_creation_expression');
  }

  /** Method invocations whose name passes `wanted`, in tree order (an outer call before its receiver's). */
  calls(wanted: (name: string) => boolean): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const m of this.text.matchAll(CALLED)) {
      if (!wanted(m[1])) continue;
      const [start, end] = m.indices?.[1] ?? [m.index, m.index];
      const id = identifierAt(this.root, start, end - start);
      const call = id?.parent;
      if (id && call?.type === 'method_invocation' && sameNode(call.childForFieldName('name'), id))
        out.push(call);
    }
    return inTreeOrder(out);
  }

  private keywordParents(keyword: string, kind: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const at of wordOccurrences(this.text, keyword)) {
      const token = identifierAt(this.root, at, keyword.length, keyword);
      const parent = token?.parent;
      if (parent?.type === kind) out.push(parent);
    }
    return inTreeOrder(out);
  }

  /** `c` in `this.c` is written as the field access; a bare name as itself. */
  private written(id: SyntaxNode): SyntaxNode {
    const parent = id.parent;
    return parent?.type === 'field_access' && sameNode(parent.childForFieldName('field'), id) ? parent : id;
  }

  /** The right side when `left` is the left side of an assignment. */
  private assignedTo(left: SyntaxNode): SyntaxNode | undefined {
    const parent = left.parent;
    if (parent?.type !== 'assignment_expression' || !sameNode(parent.childForFieldName('left'), left))
      return undefined;
    return parent.childForFieldName('right') ?? undefined;
  }
}
