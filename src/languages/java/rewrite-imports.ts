import type { TextEdit } from '../../model/edit.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import { lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';

/** One import declaration: its name as written (`com.aliyuncs.DefaultAcsClient`, `com.x.*`) and whether it is static. */
interface JavaImport {
  node: SyntaxNode;
  name: string;
  isStatic: boolean;
}

export interface JavaImports {
  /** Single-type imports by simple name → qualified name. */
  names: Map<string, string>;
  /** Packages imported with `.*`. */
  wildcards: Set<string>;
  all: JavaImport[];
}

export function readImports(root: SyntaxNode): JavaImports {
  const names = new Map<string, string>();
  const wildcards = new Set<string>();
  const all: JavaImport[] = [];
  for (const node of root.namedChildren.filter((n) => n.type === 'import_declaration')) {
    const isStatic = /^import\s+static\b/.test(node.text);
    const name = node.text
      .replace(/^import\s+(static\s+)?/, '')
      .replace(/\s*;$/, '')
      .replace(/\s+/g, '');
    all.push({ node, name, isStatic });
    if (name.endsWith('.*')) wildcards.add(name.slice(0, -2));
    else names.set(name.slice(name.lastIndexOf('.') + 1), name);
  }
  return { names, wildcards, all };
}

/** Whether a written type names `fqn`, directly or through an explicit or wildcard import. */
export function namesType(typeText: string, fqn: string, imports: JavaImports): boolean {
  const t = typeText.replace(/\s+/g, '');
  if (t === fqn) return true;
  const simple = fqn.slice(fqn.lastIndexOf('.') + 1);
  if (t !== simple) return false;
  const owner = imports.names.get(simple);
  return owner === fqn || (owner === undefined && imports.wildcards.has(fqn.slice(0, fqn.lastIndexOf('.'))));
}

/** Package segments two qualified names share from the start. */
function shared(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/** The run of non-static imports around `at` with no blank line or static import between them. */
function groupOf(text: string, list: readonly JavaImport[], at: number): JavaImport[] {
  let from = at;
  let to = at;
  const together = (a: JavaImport, b: JavaImport) =>
    !a.isStatic && !b.isStatic && !/\n[ \t]*\r?\n/.test(text.slice(a.node.endIndex, b.node.startIndex));
  while (from > 0 && together(list[from - 1], list[from])) from--;
  while (to < list.length - 1 && together(list[to], list[to + 1])) to++;
  return list.slice(from, to + 1);
}

/**
 * New single-type imports where a maintainer would write them: in the block of non-static imports,
 * in the group of the import sharing the longest package prefix, at its sorted place when that group
 * is sorted (else right after that import); before the static imports when there is no other import;
 * after the package declaration when there is none at all.
 */
export function importEdits(
  text: string,
  root: SyntaxNode,
  imports: JavaImports,
  eol: string,
  wanted: readonly string[],
): TextEdit[] {
  const missing = [...wanted]
    .sort()
    .filter((fqn) => imports.names.get(fqn.slice(fqn.lastIndexOf('.') + 1)) !== fqn);
  if (missing.length === 0) return [];
  const line = (fqn: string) => `import ${fqn};${eol}`;
  const plain = imports.all.filter((i) => !i.isStatic);
  if (plain.length === 0) return noPlainImports(text, root, imports, eol, missing.map(line).join(''));
  const at = new Map<number, string>();
  for (const fqn of missing) {
    let best = 0;
    plain.forEach((p, i) => {
      if (shared(p.name, fqn) > shared(plain[best].name, fqn)) best = i;
    });
    const index = imports.all.indexOf(plain[best]);
    const group = groupOf(text, imports.all, index);
    const sorted = group.every((g, i) => i === 0 || group[i - 1].name <= g.name);
    const next = sorted ? group.find((g) => g.name > fqn) : undefined;
    const offset = next
      ? lineStartOf(text, next.node.startIndex)
      : nextLineStart(text, (sorted ? group[group.length - 1] : plain[best]).node.endIndex);
    const lead = offset === text.length && !text.endsWith('\n') && !at.has(offset) ? eol : '';
    at.set(offset, (at.get(offset) ?? lead) + line(fqn));
  }
  return [...at].map(([offset, t]) => ({ start: offset, end: offset, text: t }));
}

function noPlainImports(
  text: string,
  root: SyntaxNode,
  imports: JavaImports,
  eol: string,
  lines: string,
): TextEdit[] {
  const firstStatic = imports.all[0];
  if (firstStatic) {
    const at = lineStartOf(text, firstStatic.node.startIndex);
    return [{ start: at, end: at, text: lines + eol }];
  }
  const pkg = root.namedChildren.find((n) => n.type === 'package_declaration');
  if (pkg) {
    const at = nextLineStart(text, pkg.endIndex);
    return [{ start: at, end: at, text: eol + lines }];
  }
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [{ start, end: start, text: lines + eol }];
}
