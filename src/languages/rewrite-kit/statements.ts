import type { SyntaxNode } from './parse.js';
import { lineStartOf } from './text-style.js';

/** Where a language's statements live, for placing new statements before the one holding a node. */
export interface StatementShape {
  /** Node types whose children are statements (a block, a module, a case clause). */
  parents: ReadonlySet<string>;
  /** Node types no statement can be inserted for: a node inside one of them has no enclosing statement. */
  barriers?: ReadonlySet<string>;
  /** Children of a statement parent that are not statements themselves (Go's expression_list). */
  notStatements?: ReadonlySet<string>;
}

/** The statement (child of a statement parent) holding `node`, or undefined when a barrier comes first. */
export function enclosingStatement(node: SyntaxNode, shape: StatementShape): SyntaxNode | undefined {
  let cur: SyntaxNode | null = node;
  while (cur?.parent) {
    if (shape.barriers?.has(cur.type)) return undefined;
    if (shape.parents.has(cur.parent.type) && !shape.notStatements?.has(cur.type)) return cur;
    cur = cur.parent;
  }
  return undefined;
}

/** Whether `node` starts its own line, so lines inserted before it keep the layout. */
export function startsOwnLine(text: string, node: SyntaxNode): boolean {
  return text.slice(lineStartOf(text, node.startIndex), node.startIndex).trim() === '';
}
