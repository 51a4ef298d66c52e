import type { TextEdit } from '../../model/edit.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import { indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';

export const LEGACY_MODULE = 'aliyunsdkcore.client';
export const TRANSFER_IMPORT =
  'from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient';

export interface PythonImports {
  /** Local names bound to aliyunsdkcore.client.AcsClient. */
  acsNames: Set<string>;
  /** Dotted callee spellings: `client.AcsClient` after `from aliyunsdkcore import client`. */
  acsDotted: Set<string>;
  /** Import statements that bring the legacy client in; new imports go right after the first. */
  legacyImports: SyntaxNode[];
  /** Every name bound by an import, to the module it comes from. */
  bound: Map<string, string>;
  hasTransfer: boolean;
  hasOs: boolean;
  configFromGcs: boolean;
}

export function readImports(root: SyntaxNode): PythonImports {
  const out: PythonImports = {
    acsNames: new Set(),
    acsDotted: new Set(),
    legacyImports: [],
    bound: new Map(),
    hasTransfer: false,
    hasOs: false,
    configFromGcs: false,
  };
  for (const stmt of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (stmt.type === 'import_statement') {
      for (const item of stmt.namedChildren) {
        const dotted = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
        if (dotted === 'os' && !alias && stmt.parent?.type === 'module') out.hasOs = true;
        if (!dotted) continue;
        out.bound.set(alias ?? dotted.split('.')[0], dotted);
        if (dotted === LEGACY_MODULE) {
          out.acsDotted.add(`${alias ?? LEGACY_MODULE}.AcsClient`);
          out.legacyImports.push(stmt);
        }
      }
      continue;
    }
    const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
    for (const item of stmt.childrenForFieldName('name')) {
      const name = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
      const local = item.type === 'aliased_import' ? (item.childForFieldName('alias')?.text ?? name) : name;
      if (!name || !local) continue;
      out.bound.set(local, `${module}.${name}`);
      if (module === LEGACY_MODULE && name === 'AcsClient') {
        out.acsNames.add(local);
        out.legacyImports.push(stmt);
      }
      if (module === 'aliyunsdkcore' && name === 'client') {
        out.acsDotted.add(`${local}.AcsClient`);
        out.legacyImports.push(stmt);
      }
      if (
        module === 'alibabacloud_dkms_transfer.kms_transfer_acs_client' &&
        name === 'KmsTransferAcsClient'
      ) {
        out.hasTransfer = true;
      }
      if (module === 'openapi.models' && name === 'Config') out.configFromGcs = true;
    }
  }
  return out;
}

/** Standard-library modules a Python file commonly imports (isort's first section). */
const STDLIB = new Set(
  (
    'abc argparse array ast asyncio atexit base64 binascii bisect builtins calendar codecs collections ' +
    'concurrent configparser contextlib copy csv ctypes dataclasses datetime decimal difflib email enum ' +
    'errno fnmatch fractions functools getpass gettext glob gzip hashlib heapq hmac html http importlib ' +
    'inspect io ipaddress itertools json locale logging math mimetypes multiprocessing numbers operator ' +
    'os pathlib pickle platform pprint queue random re secrets select shlex shutil signal socket sqlite3 ' +
    'ssl stat statistics string struct subprocess sys tempfile textwrap threading time timeit traceback ' +
    'types typing unicodedata unittest urllib uuid warnings weakref xml zipfile zlib zoneinfo'
  ).split(' '),
);

/** An import statement to add, as isort sorts it: plain imports first, then by module. */
export interface NewImport {
  /** The statement, without indentation: `from x import Y`, `import os`. */
  text: string;
  module: string;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement']);

function moduleOf(stmt: SyntaxNode): string {
  if (stmt.type === 'import_from_statement')
    return stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
  const first = stmt.namedChildren[0];
  return (first?.type === 'aliased_import' ? first.childForFieldName('name')?.text : first?.text) ?? '';
}

const sortKey = (isFrom: boolean, module: string): string => `${isFrom ? 1 : 0} ${module.toLowerCase()}`;
const keyOf = (stmt: SyntaxNode): string => sortKey(stmt.type === 'import_from_statement', moduleOf(stmt));
const keyOfNew = (i: NewImport): string => sortKey(i.text.startsWith('from '), i.module);
const isStdlib = (module: string): boolean => STDLIB.has(module.split('.')[0]);

/** Import statements next to each other in one block: no blank line, no other statement between. */
function groups(container: SyntaxNode, text: string): SyntaxNode[][] {
  const out: SyntaxNode[][] = [];
  let prev: SyntaxNode | undefined;
  for (const stmt of container.namedChildren) {
    if (!IMPORT_TYPES.has(stmt.type)) {
      if (stmt.type !== 'comment') prev = undefined;
      continue;
    }
    const apart = !prev || /\n[ \t]*\r?\n/.test(text.slice(prev.endIndex, stmt.startIndex));
    if (apart) out.push([]);
    out[out.length - 1].push(stmt);
    prev = stmt;
  }
  return out;
}

/** Each new import before the first of the group that sorts after it, when the group is sorted; else after `fallback`. */
function intoGroup(
  text: string,
  group: readonly SyntaxNode[],
  add: readonly NewImport[],
  fallback: SyntaxNode,
  eol: string,
): TextEdit[] {
  const keys = group.map(keyOf);
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1] <= k);
  const indent = indentOfLine(text, group[0].startIndex);
  const at = new Map<number, string>();
  for (const imp of [...add].sort((a, b) => (keyOfNew(a) < keyOfNew(b) ? -1 : 1))) {
    const next = sorted ? group.find((g) => keyOf(g) > keyOfNew(imp)) : undefined;
    const offset = next
      ? lineStartOf(text, next.startIndex)
      : nextLineStart(text, (sorted ? group[group.length - 1] : fallback).endIndex);
    const lead = offset === text.length && !text.endsWith('\n') && !at.has(offset) ? eol : '';
    at.set(offset, (at.get(offset) ?? lead) + indent + imp.text + eol);
  }
  return [...at].map(([offset, t]) => ({ start: offset, end: offset, text: t }));
}

/**
 * Where the file keeps its imports: third-party imports join the group of the legacy import they go
 * with (at their sorted place when the group is sorted, else right after it), and a standard-library
 * import joins the module's first group holding one (a new first group when there is none, after
 * `from __future__`); when the module has no imports of its own, it goes with the legacy import.
 */
export function placeImports(
  text: string,
  root: SyntaxNode,
  anchor: SyntaxNode,
  add: readonly NewImport[],
  eol: string,
): TextEdit[] {
  if (add.length === 0) return [];
  const container = anchor.parent as SyntaxNode;
  const anchorGroup = groups(container, text).find((g) =>
    g.some((s) => s.startIndex === anchor.startIndex),
  ) ?? [anchor];
  const moduleGroups = groups(root, text);
  const std = add.filter((i) => isStdlib(i.module));
  const other = add.filter((i) => !isStdlib(i.module));
  if (std.length === 0) return intoGroup(text, anchorGroup, other, anchor, eol);
  const stdGroup = moduleGroups.find((g) => g.some((s) => isStdlib(moduleOf(s))));
  const first = moduleGroups.find((g) => moduleOf(g[0]) !== '__future__');
  if (!stdGroup && first) {
    const at = lineStartOf(text, first[0].startIndex);
    const group = { start: at, end: at, text: std.map((i) => i.text + eol).join('') + eol };
    // Before the group's own insertions at the same offset: the standard library comes first.
    return [group, ...intoGroup(text, anchorGroup, other, anchor, eol)];
  }
  const target = stdGroup ?? anchorGroup;
  // One group getting both kinds gets them in one pass, so that they keep isort's order.
  if (target[0].startIndex === anchorGroup[0].startIndex)
    return intoGroup(text, anchorGroup, add, anchor, eol);
  return [
    ...intoGroup(text, anchorGroup, other, anchor, eol),
    ...intoGroup(text, target, std, target[target.length - 1], eol),
  ];
}
