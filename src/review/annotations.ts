import type { Finding, Severity } from '../model/index.js';
import { findingLines } from './filter.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows this many annotations of each type per step; more are dropped silently. */
export const ANNOTATIONS_SHOWN_PER_TYPE = 10;

/** Workflow-command escaping (actions/toolkit `command.ts`): the message, then property values. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error file=…,line=…::message` workflow command (column range only on a single line). */
export function annotation(f: Finding): string {
  const { first, last } = findingLines(f);
  const props = [`file=${escapeProperty(f.file)}`, `line=${first}`, `endLine=${last}`];
  if (first === last) props.push(`col=${f.range.start.column}`, `endColumn=${f.range.end.column}`);
  props.push(`title=${escapeProperty(`kms-codemod ${f.ruleId}`)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

/**
 * The workflow commands for the kept findings, and a warning line when GitHub will not show them
 * all (10 per type and step): the job summary lists every one.
 */
export function annotations(findings: readonly Finding[]): string {
  const lines = findings.map(annotation);
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const over = [...counts].filter(([, n]) => n > ANNOTATIONS_SHOWN_PER_TYPE);
  if (over.length > 0)
    lines.push(
      `::warning title=kms-codemod::${escapeData(`GitHub shows ${ANNOTATIONS_SHOWN_PER_TYPE} annotations of each type per step; ${over.map(([s, n]) => `${n} ${COMMAND[s]}s`).join(', ')} were written, and the job summary lists all of them`)}`,
    );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Every kept finding as a markdown list, for the job summary when annotations alone would drop some. */
export function annotationsOverflow(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  if (![...counts.values()].some((n) => n > ANNOTATIONS_SHOWN_PER_TYPE)) return '';
  const rows = findings.map(
    (f) =>
      `- \`${f.file}:${f.range.start.line}\` \`${f.ruleId}\` (${f.severity}): ${f.message.replace(/\r?\n/g, ' ')}`,
  );
  return `\n<details><summary>Every finding (GitHub shows ${ANNOTATIONS_SHOWN_PER_TYPE} annotations of each type)</summary>\n\n${rows.join('\n')}\n\n</details>\n`;
}
