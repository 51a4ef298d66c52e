import type { TextEdit } from '../../model/edit.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import type { RewriteOutput } from '../rewrite-kit/rewriter.js';
import { indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';
import type { GoFile } from './rewrite-family.js';

export const LEGACY_KMS = 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms';
export const TRANSFER_SDK = 'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk';
export const GCS_OPENAPI = 'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi';
export const TEA = 'github.com/alibabacloud-go/tea/tea';
export const KMS_SDK = 'github.com/aliyun/alibabacloud-kms-go-sdk/sdk';

export interface GoImport {
  path: string;
  /** The name code uses for the package (alias, or the last path element). */
  local: string;
  spec: SyntaxNode;
}

const DEFAULT_NAMES: Record<string, string> = {
  [TRANSFER_SDK]: 'sdk',
  [KMS_SDK]: 'sdk',
  [GCS_OPENAPI]: 'openapi',
  [TEA]: 'tea',
  [LEGACY_KMS]: 'kms',
};

export function readImports(root: SyntaxNode): GoImport[] {
  return root.descendantsOfType('import_spec').map((spec) => {
    const path = (spec.childForFieldName('path')?.text ?? '').slice(1, -1);
    const name = spec.childForFieldName('name')?.text;
    const local = name ?? DEFAULT_NAMES[path] ?? path.slice(path.lastIndexOf('/') + 1).replace(/^go-/, '');
    return { path, local, spec };
  });
}

/** A standard-library path has no dot in its first element (goimports' rule). */
const isStd = (path: string): boolean => !path.split('/')[0].includes('.');

/** An import spec to add: its path (the sort key gofmt uses) and its text. */
interface NewSpec {
  path: string;
  text: string;
}

/**
 * Imports: the packages the rewritten code names, and the legacy import dropped when nothing else
 * refers to it (Go refuses unused imports).
 */
export function fixImports(
  file: GoFile,
  use: { constructors: boolean; replaced: ReadonlySet<number> },
): RewriteOutput {
  const { names, kms } = file;
  const add: NewSpec[] = [];
  const spec = (path: string, local: string, plain: string): NewSpec => ({
    path,
    text: local === plain ? `"${path}"` : `${local} "${path}"`,
  });
  if (!names.transfer.imported)
    add.push({
      path: file.family.transferPath,
      text: `${names.transfer.local} "${file.family.transferPath}"`,
    });
  if (use.constructors) {
    if (!names.gcs.imported) add.push({ path: GCS_OPENAPI, text: `${names.gcs.local} "${GCS_OPENAPI}"` });
    if (!names.tea.imported) add.push(spec(TEA, names.tea.local, 'tea'));
    if (!names.os.imported) add.push(spec('os', names.os.local, 'os'));
  }
  const stillUsed = file.root.descendantsOfType(['selector_expression', 'qualified_type']).some((n) => {
    const pkg =
      n.type === 'selector_expression' ? n.childForFieldName('operand') : n.childForFieldName('package');
    return pkg?.text === kms && !use.replaced.has(n.startIndex);
  });
  const edits = importEdits(file, add, stillUsed ? undefined : file.legacy);
  return { edits, findings: [], needs: [] };
}

/** Specs of one import block in runs separated by blank lines: gofmt sorts within a run. */
function groupsOf(list: SyntaxNode, text: string): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [];
  let prev: SyntaxNode | undefined;
  for (const s of list.namedChildren.filter((n) => n.type === 'import_spec')) {
    if (!prev || /\n[ \t]*\r?\n/.test(text.slice(prev.endIndex, s.startIndex))) groups.push([]);
    groups[groups.length - 1].push(s);
    prev = s;
  }
  return groups;
}

const pathOf = (spec: SyntaxNode): string => (spec.childForFieldName('path')?.text ?? '').slice(1, -1);

/** Path elements two import paths share from the start. */
function sharedElements(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * Where goimports would put each new spec: a standard-library path into the group of standard
 * imports (a new first group when there is none), any other into the group of the import it shares
 * the longest path prefix with (the first third-party group when none shares any; a new last group
 * when there is none), at its sorted place so gofmt leaves it there. A file whose imports are all
 * single `import "x"` lines gets its last one turned into a block.
 */
function importEdits(
  file: GoFile,
  add: readonly NewSpec[],
  drop: { spec: SyntaxNode } | undefined,
): TextEdit[] {
  const { text, root, style } = file;
  const decls = root.namedChildren.filter((n) => n.type === 'import_declaration');
  const block = [...decls].reverse().find((d) => d.namedChildren.some((n) => n.type === 'import_spec_list'));
  const list = block?.namedChildren.find((n) => n.type === 'import_spec_list');
  if (!list) return singleDeclToBlock(file, decls, add, drop);
  const edits: TextEdit[] = drop ? removeLine(text, drop.spec) : [];
  if (add.length === 0) return edits;
  const groups = groupsOf(list, text);
  const indent = groups[0]?.[0] ? indentOfLine(text, groups[0][0].startIndex) : '\t';
  const line = (s: NewSpec) => `${indent}${s.text}${style.eol}`;
  const std = add.filter((s) => isStd(s.path)).sort(byPath);
  const other = add.filter((s) => !isStd(s.path)).sort(byPath);
  const stdGroup = groups.find((g) => g.some((s) => isStd(pathOf(s))));
  if (std.length && stdGroup) edits.push(...intoGroup(text, stdGroup, std, line));
  else if (std.length) {
    // A new first group, set apart by a blank line (or alone when the block holds nothing else).
    const first = groups[0]?.[0];
    const at = first ? lineStartOf(text, first.startIndex) : lineStartOf(text, list.endIndex - 1);
    edits.push({ start: at, end: at, text: std.map(line).join('') + (first ? style.eol : '') });
  }
  if (other.length) edits.push(...otherSpecs(text, list, groups, other, line, style.eol));
  return edits;
}

const byPath = (a: NewSpec, b: NewSpec): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Third-party specs, each into the group of its best match. */
function otherSpecs(
  text: string,
  list: SyntaxNode,
  groups: SyntaxNode[][],
  specs: readonly NewSpec[],
  line: (s: NewSpec) => string,
  eol: string,
): TextEdit[] {
  const thirdParty = groups.filter((g) => g.some((s) => !isStd(pathOf(s))));
  if (thirdParty.length === 0) {
    const at = lineStartOf(text, list.endIndex - 1);
    const lead = groups.length > 0 ? eol : '';
    return [{ start: at, end: at, text: lead + specs.map(line).join('') }];
  }
  const byGroup = new Map<SyntaxNode[], NewSpec[]>();
  for (const s of specs) {
    let best = thirdParty[0];
    let bestLen = 0;
    for (const g of thirdParty)
      for (const existing of g) {
        const n = sharedElements(pathOf(existing), s.path);
        if (n > bestLen) {
          bestLen = n;
          best = g;
        }
      }
    byGroup.set(best, [...(byGroup.get(best) ?? []), s]);
  }
  return [...byGroup].flatMap(([g, s]) => intoGroup(text, g, s, line));
}

/** Sorted specs into a sorted group: each before the first spec whose path sorts after it. */
function intoGroup(
  text: string,
  group: readonly SyntaxNode[],
  specs: readonly NewSpec[],
  line: (s: NewSpec) => string,
): TextEdit[] {
  const at = new Map<number, string>();
  for (const s of specs) {
    const next = group.find((g) => pathOf(g) > s.path);
    const offset = next
      ? lineStartOf(text, next.startIndex)
      : nextLineStart(text, group[group.length - 1].endIndex);
    at.set(offset, (at.get(offset) ?? '') + line(s));
  }
  return [...at].map(([offset, t]) => ({ start: offset, end: offset, text: t }));
}

/**
 * Only single `import "x"` declarations: the one holding the legacy import (else the last) becomes a
 * block holding its own spec (unless dropped) and the new ones, standard library first.
 */
function singleDeclToBlock(
  file: GoFile,
  decls: readonly SyntaxNode[],
  add: readonly NewSpec[],
  drop: { spec: SyntaxNode } | undefined,
): TextEdit[] {
  const { text, style } = file;
  const decl =
    decls.find((d) => d.startIndex === file.legacy.spec.parent?.startIndex) ?? decls[decls.length - 1];
  const own = decl?.namedChildren.find((n) => n.type === 'import_spec');
  if (!decl || !own) return [];
  const dropsOwn = drop?.spec.startIndex === own.startIndex;
  const other = dropsOwn || !drop ? [] : removeLine(text, drop.spec);
  if (add.length === 0) return dropsOwn ? removeLine(text, own) : other;
  const kept: NewSpec[] = dropsOwn ? [] : [{ path: pathOf(own), text: own.text }];
  const all = [...kept, ...add];
  const std = all.filter((s) => isStd(s.path)).sort(byPath);
  const rest = all.filter((s) => !isStd(s.path)).sort(byPath);
  const lines = [
    ...std.map((s) => `\t${s.text}`),
    ...(std.length && rest.length ? [''] : []),
    ...rest.map((s) => `\t${s.text}`),
  ];
  const body = `import (${style.eol}${lines.map((l) => l + style.eol).join('')})`;
  return [...other, { start: decl.startIndex, end: decl.endIndex, text: body }];
}

/** Deletes an import spec's whole line (the spec, or its single-spec declaration, must sit alone on it). */
function removeLine(text: string, spec: SyntaxNode): TextEdit[] {
  const decl = spec.parent?.type === 'import_declaration' ? spec.parent : undefined;
  const node = decl ?? spec;
  const start = lineStartOf(text, node.startIndex);
  const end = nextLineStart(text, node.endIndex);
  if (text.slice(start, end).trim() !== node.text.trim()) return [];
  return [{ start, end, text: '' }];
}
