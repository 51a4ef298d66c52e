import type { ImportSite } from '../../model/facts.js';
import type { LineIndex } from '../../model/range.js';
import type { SyntaxNode } from '../tree-sitter/grammar.js';
import { nodeRange } from '../tree-sitter/node-range.js';
import { goString } from './values.js';

/** Package name Go gives an import path by default: its last element, skipping a `/vN` major-version suffix. */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last
    .replace(/\.v\d+$/, '')
    .replace(/^go-/, '')
    .replace(/-go$/, '')
    .replace(/[^A-Za-z0-9_]/g, '');
}

/** Import aliases of a Go file: local package name → import path (dot imports tracked apart). */
export class GoImports {
  readonly sites: ImportSite[] = [];
  private readonly byLocal = new Map<string, string>();
  readonly dotImports: string[] = [];

  add(spec: SyntaxNode, lines: LineIndex): void {
    const path = goString(spec.childForFieldName('path'));
    if (!path) return;
    const nameNode = spec.childForFieldName('name');
    const written = nameNode?.text;
    const local = written ?? defaultPackageName(path);
    this.sites.push({
      module: path,
      names: [{ imported: written === '.' ? '*' : path, local: written === '.' ? '*' : local }],
      range: nodeRange(spec, lines),
    });
    if (written === '.') this.dotImports.push(path);
    else if (written !== '_') this.byLocal.set(local, path);
  }

  pathOf(local: string): string | undefined {
    return this.byLocal.get(local);
  }

  /** Local names under which `test` accepts the import path. */
  localsOf(test: (path: string) => boolean): string[] {
    return [...this.byLocal].filter(([, p]) => test(p)).map(([l]) => l);
  }

  anyPath(test: (path: string) => boolean): boolean {
    return this.sites.some((s) => test(s.module));
  }
}
