import type { ImportSite } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';

/** The names a Python file binds by import, and the modules it star-imports. */
export class PyImports {
  readonly sites: ImportSite[] = [];
  /** local name → qualified path (`c` → `aliyunsdkcore.client`, `AcsClient` → `aliyunsdkcore.client.AcsClient`). */
  private readonly bound = new Map<string, string>();
  private readonly stars: string[] = [];

  add(node: SyntaxNode, lines: LineIndex): void {
    const range = nodeRange(node, lines);
    const optional = isOptionalImport(node) ? { optional: true } : {};
    if (node.type === 'import_statement') {
      for (const item of node.childrenForFieldName('name')) {
        const { path, alias } = this.item(item);
        if (!path) continue;
        // `import a.b.c` binds `a`; `import a.b.c as x` binds `x` to the whole path
        const local = alias ?? path.split('.')[0];
        this.bound.set(local, alias ? path : local);
        this.sites.push({ module: path, names: [{ imported: path, local }], range, ...optional });
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    const module = moduleNode?.text.replace(/\s+/g, '') ?? '';
    if (!module) return;
    const names: ImportSite['names'] = [];
    if (node.namedChildren.some((c) => c.type === 'wildcard_import')) {
      this.stars.push(module);
      names.push({ imported: '*', local: '*' });
    }
    for (const item of node.childrenForFieldName('name')) {
      const { path, alias } = this.item(item);
      if (!path) continue;
      const local = alias ?? path;
      names.push({ imported: path, local });
      if (!module.startsWith('.')) this.bound.set(local, `${module}.${path}`);
      else this.bound.set(local, `${module}${module.endsWith('.') ? '' : '.'}${path}`);
    }
    this.sites.push({ module, names, range, ...optional });
  }

  private item(node: SyntaxNode): { path?: string; alias?: string } {
    if (node.type === 'aliased_import') {
      return { path: node.childForFieldName('name')?.text, alias: node.childForFieldName('alias')?.text };
    }
    return { path: node.text };
  }

  /**
   * Qualified path of a dotted name as written (`c.AcsClient` → `aliyunsdkcore.client.AcsClient`).
   * A name no import binds resolves through star imports when `known` accepts the result.
   */
  resolve(dotted: string, known: (qualified: string) => boolean): string | undefined {
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const rest = dot < 0 ? '' : dotted.slice(dot);
    const bound = this.bound.get(head);
    if (bound) return bound + rest;
    for (const star of this.stars) {
      if (known(`${star}.${dotted}`)) return `${star}.${dotted}`;
    }
    return undefined;
  }

  /** The local names the imports bind (`c`, `AcsClient`, `os`). */
  boundNames(): Iterable<string> {
    return this.bound.keys();
  }

  hasStars(): boolean {
    return this.stars.length > 0;
  }

  isBound(name: string): boolean {
    return this.bound.has(name);
  }

  anyModule(test: (module: string) => boolean): boolean {
    return this.sites.some((s) => test(s.module));
  }
}

/** A handler that catches a failed import: `except ImportError`, `ModuleNotFoundError`, `Exception`, or a bare `except:`. */
const CATCHES_IMPORT =
  /^except\s*(?::|\(?[^:]*\b(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b)/;

/** Whether an import sits in the body of a `try` (at any depth of that body) whose handlers catch its failure. */
export function isOptionalImport(node: SyntaxNode): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') return false;
    const body = p.type === 'try_statement' ? p.childForFieldName('body') : null;
    if (!body || body.startIndex !== child.startIndex || body.endIndex !== child.endIndex) continue;
    if (p.namedChildren.some((c) => c.type === 'except_clause' && CATCHES_IMPORT.test(c.text))) return true;
  }
  return false;
}
