import type { ImportSite } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';

/** What a Java file imports: explicit single-type imports and on-demand (wildcard) packages. */
export class JavaImports {
  readonly sites: ImportSite[] = [];
  private readonly explicit = new Map<string, string>();
  private readonly wildcards: string[] = [];

  add(node: SyntaxNode, lines: LineIndex): void {
    let name: string | undefined;
    let wildcard = false;
    let isStatic = false;
    for (const child of node.children) {
      if (child.type === 'scoped_identifier' || child.type === 'identifier') name = child.text;
      else if (child.type === 'asterisk') wildcard = true;
      else if (child.type === 'static') isStatic = true;
    }
    if (!name) return;
    const simple = name.slice(name.lastIndexOf('.') + 1);
    this.sites.push({
      module: wildcard ? `${name}.*` : name,
      names: [{ imported: wildcard ? '*' : simple, local: wildcard ? '*' : simple }],
      range: nodeRange(node, lines),
    });
    if (isStatic) return;
    if (wildcard) this.wildcards.push(name);
    else this.explicit.set(simple, name);
  }

  /**
   * Fully qualified name of a type as written. A dotted name is taken as already qualified; a simple
   * name resolves through an explicit import, else through a wildcard package for which `known`
   * says the class exists there. Undefined when the file gives no answer (same package, or unknown).
   */
  resolve(written: string, known: (fqn: string) => boolean): string | undefined {
    const name = written.replace(/<[\s\S]*$/, '').replace(/\s+/g, '');
    if (name.includes('.')) return name;
    const direct = this.explicit.get(name);
    if (direct) return direct;
    for (const pkg of this.wildcards) {
      if (known(`${pkg}.${name}`)) return `${pkg}.${name}`;
    }
    return undefined;
  }

  /** True when the simple name is imported explicitly from somewhere (so it is not an unresolved same-package class). */
  importsSimpleName(name: string): boolean {
    return this.explicit.has(name);
  }

  anyModule(test: (module: string) => boolean): boolean {
    return this.sites.some((s) => test(s.module));
  }
}
