import type { TextEdit } from '../../model/edit.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import { indentOfLine, lineStartOf, nextLineStart } from '../rewrite-kit/text-style.js';

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

/**
 * Adds import specs as a group of their own at the end of the last import block (gofmt sorts within a
 * group, so a sorted group of ours stays put), or as a new block after the last import declaration.
 * `dropping` is the legacy spec being removed in the same run: a block it leaves empty gets no
 * separating blank line, and a lone `import "..."` it leaves is replaced by the new block.
 */
export function addImports(
  text: string,
  root: SyntaxNode,
  specs: string[],
  eol: string,
  dropping?: SyntaxNode,
): TextEdit[] {
  if (specs.length === 0) return [];
  const sorted = [...specs].sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  const decls = root.namedChildren.filter((n) => n.type === 'import_declaration');
  const last = decls[decls.length - 1];
  const list = last?.namedChildren.find((n) => n.type === 'import_spec_list');
  if (list) {
    const close = list.endIndex - 1;
    const kept = list.namedChildren.filter(
      (n) => n.type === 'import_spec' && n.startIndex !== dropping?.startIndex,
    );
    const indent = kept[0] ? indentOfLine(text, kept[0].startIndex) : '\t';
    // A dropped legacy spec that ended the block leaves its group slot (and the blank line before it) to ours.
    const specsInList = list.namedChildren.filter((n) => n.type === 'import_spec');
    const last = specsInList[specsInList.length - 1];
    const prev = specsInList[specsInList.length - 2];
    const ownGroup = !prev || /\n[ \t]*\r?\n/.test(text.slice(prev.endIndex, last?.startIndex ?? 0));
    const droppedOwnGroup = dropping !== undefined && last?.startIndex === dropping.startIndex && ownGroup;
    const separate = kept.length > 0 && !droppedOwnGroup;
    const at = lineStartOf(text, close);
    if (text.slice(at, close).trim() !== '') return [];
    return [
      { start: at, end: at, text: (separate ? eol : '') + sorted.map((s) => indent + s + eol).join('') },
    ];
  }
  const anchor = last ?? root.namedChildren.find((n) => n.type === 'package_clause');
  if (!anchor) return [];
  const at = nextLineStart(text, anchor.endIndex);
  const replacing = last !== undefined && dropping?.parent?.startIndex === last.startIndex;
  const body = `${replacing ? '' : eol}import (${eol}${sorted.map((s) => `\t${s}${eol}`).join('')})${eol}`;
  return [{ start: at, end: at, text: body }];
}

function pathOf(spec: string): string {
  return /"([^"]+)"/.exec(spec)?.[1] ?? spec;
}

/** Deletes an import spec's whole line (the spec, or its single-spec declaration, must sit alone on it). */
export function removeImport(text: string, imp: GoImport): TextEdit[] {
  const decl = imp.spec.parent?.type === 'import_declaration' ? imp.spec.parent : undefined;
  const node = decl ?? imp.spec;
  const start = lineStartOf(text, node.startIndex);
  const end = nextLineStart(text, node.endIndex);
  if (text.slice(start, end).trim() !== node.text.trim()) return [];
  return [{ start, end, text: '' }];
}
