import type { Finding } from '../../model/finding.js';
import { canonicalAction, isInstanceAction } from '../../model/kms-actions.js';
import { MIGRATE_RULES } from '../rewrite-kit/findings.js';
import type { SyntaxNode } from '../rewrite-kit/parse.js';
import { isTarget } from '../rewrite-kit/rewriter.js';
import { enclosingStatement, type StatementShape, startsOwnLine } from '../rewrite-kit/statements.js';
import type { GoFile } from './rewrite-family.js';

const GO_STATEMENTS: StatementShape = {
  parents: new Set([
    'statement_list',
    'source_file',
    'expression_case',
    'default_case',
    'type_case',
    'communication_case',
  ]),
  barriers: new Set(['func_literal']),
  notStatements: new Set(['expression_list']),
};

/** A legacy construction to rewrite, and the statement its config goes before. */
export interface Construction {
  call: SyntaxNode;
  /** The callee `kms.NewClientWithAccessKey`. */
  callee: SyntaxNode;
  transferName: string;
  configSecond: boolean;
  statement: SyntaxNode;
}

/**
 * Targets: the constructions scan chose (isTarget), plus the calls no transfer client takes over
 * (`kms.NewClient()`, `...WithChan`/`...WithCallback` of an instance action), which are reported.
 */
export function findTargets(file: GoFile): { constructions: Construction[]; findings: Finding[] } {
  const { family, kms, report } = file;
  const constructions: Construction[] = [];
  const findings: Finding[] = [];
  for (const call of file.root.descendantsOfType('call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') continue;
    const operand = fn.childForFieldName('operand');
    const field = fn.childForFieldName('field')?.text ?? '';
    if (operand?.text === kms && field === family.noCounterpart) {
      findings.push(
        report(
          MIGRATE_RULES.noCounterpart,
          'error',
          call,
          `${kms}.NewClient() has no transfer-client counterpart: build the client with ${kms}.NewClientWith<credential>(...) first, then migrate`,
        ),
      );
      continue;
    }
    // Only the ten instance actions change route; other async calls went to the gateway before and still do.
    const action = canonicalAction(field);
    if (
      family.asyncVariants &&
      /(WithChan|WithCallback)$/.test(field) &&
      action &&
      isInstanceAction(action)
    ) {
      findings.push(
        report(
          MIGRATE_RULES.noCounterpart,
          'error',
          call,
          `${field} is not intercepted by the transfer client and keeps going to the shared gateway; call ${field.replace(/WithChan$|WithCallback$/, '')} instead`,
          { action },
        ),
      );
      continue;
    }
    const mapped = operand?.text === kms ? family.constructor(field) : undefined;
    if (!mapped || !isTarget(file.input, call.startIndex, call.endIndex)) continue;
    const statement = enclosingStatement(call, GO_STATEMENTS);
    if (!statement || !startsOwnLine(file.text, statement)) {
      findings.push(
        report(
          MIGRATE_RULES.unsupportedShape,
          'warning',
          call,
          `${kms}.${field} is called where no statement can be inserted before it; build a ${file.names.gcs.local}.Config and pass it by hand`,
        ),
      );
      continue;
    }
    constructions.push({
      call,
      callee: fn,
      transferName: mapped.name,
      configSecond: mapped.configSecond,
      statement,
    });
  }
  return { constructions, findings };
}
