import type { TextEdit } from '../../model/edit.js';
import type { Finding } from '../../model/finding.js';
import { MIGRATE_RULES } from '../rewrite-kit/findings.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import type { GoFile } from './rewrite-family.js';

export interface TypePhase {
  edits: TextEdit[];
  findings: Finding[];
  needs: [];
  retyped: number;
  /** Start offsets of the `kms.Client` types replaced. */
  replaced: number[];
}

/** Results of functions that still build a legacy client with `kms.NewClient()`: they keep their type. */
function keptResults(file: GoFile): Set<number> {
  const keep = new Set<number>();
  const { family, kms } = file;
  if (!family.noCounterpart) return keep;
  for (const call of file.root.descendantsOfType('call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.text.replace(/\s+/g, '') !== `${kms}.${family.noCounterpart}`) continue;
    let owner: SyntaxNode | null = call.parent;
    while (owner && !['function_declaration', 'method_declaration', 'func_literal'].includes(owner.type))
      owner = owner.parent;
    const result = owner?.childForFieldName('result');
    if (result) keep.add(result.startIndex);
  }
  return keep;
}

function inKeptResult(n: SyntaxNode, keep: ReadonlySet<number>): boolean {
  for (let p: SyntaxNode | null = n; p; p = p.parent)
    if (keep.has(p.startIndex) && p.parent?.childForFieldName('result')?.startIndex === p.startIndex)
      return true;
  return false;
}

/**
 * Types: every `kms.Client` of the file becomes the transfer type, when the client's constructions
 * move in this file or anywhere in its module (`goRetype`, decided by migrate for the whole module):
 * fields, parameters, results, variables, function types and callbacks, type assertions. An embedded
 * client or a client built as a composite literal cannot follow by a type change alone: reported.
 */
export function retypeClients(file: GoFile, constructsHere: boolean): TypePhase {
  const out: TypePhase = { edits: [], findings: [], needs: [], retyped: 0, replaced: [] };
  const { family, kms, report } = file;
  const retype = constructsHere || (file.input.goRetype?.includes(family.id) ?? false);
  if (!retype) return out;
  const keep = keptResults(file);
  const transfer = `${file.names.transfer.local}.${family.transferType}`;
  for (const q of file.root.descendantsOfType('qualified_type')) {
    if (q.childForFieldName('package')?.text !== kms || q.childForFieldName('name')?.text !== 'Client')
      continue;
    if (inKeptResult(q, keep)) continue;
    const parent = q.parent;
    if (parent?.type === 'field_declaration' && parent.childrenForFieldName('name').length === 0) {
      // An embedded `*kms.Client` names a field `Client`; renaming the type would rename the field.
      out.findings.push(
        report(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          q,
          `embedded ${kms}.Client: name the field (client *${kms}.Client) and run migrate again, or change the embedding to *${transfer} by hand (the field name changes)`,
        ),
      );
      continue;
    }
    if (parent?.type === 'composite_literal') {
      out.findings.push(
        report(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          q,
          `${kms}.Client{...} builds a client field by field: build it with ${kms}.NewClientWith<credential>(...) and run migrate again`,
        ),
      );
      continue;
    }
    out.edits.push({ start: q.startIndex, end: q.endIndex, text: transfer });
    out.replaced.push(q.startIndex);
    out.retyped++;
  }
  return out;
}
