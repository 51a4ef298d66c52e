import type { ts } from 'ts-morph';
import { LineIndex, type ParseProblem } from '../../model/index.js';
import { tsc } from './compiler.js';

export function scriptKindOf(file: string): ts.ScriptKind {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tsx')) return tsc.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return tsc.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(lower)) return tsc.ScriptKind.JS;
  return tsc.ScriptKind.TS;
}

/** One parse per file: the TypeScript scanner/parser only, no program or type checker (fast). */
export function parseSource(file: string, text: string): ts.SourceFile {
  return tsc.createSourceFile(file, text, tsc.ScriptTarget.Latest, true, scriptKindOf(file));
}

/** The parser's own diagnostics; `parseDiagnostics` is not in the public typings but is stable. */
function parseDiagnostics(sf: ts.SourceFile): ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

export function parseProblems(sf: ts.SourceFile, lines: LineIndex): ParseProblem[] {
  return parseDiagnostics(sf).map((d) => ({
    message: tsc.flattenDiagnosticMessageText(d.messageText, ' '),
    range: lines.range(d.start, d.start + (d.length ?? 0)),
  }));
}

/** How many syntax errors the parser reports; parent links and messages are skipped, as a count needs neither. */
export function syntaxErrorCount(text: string, file = 'input.ts'): number {
  return parseDiagnostics(
    tsc.createSourceFile(file, text, tsc.ScriptTarget.Latest, false, scriptKindOf(file)),
  ).length;
}

export function syntaxErrors(text: string, file = 'input.ts'): ParseProblem[] {
  return parseProblems(parseSource(file, text), new LineIndex(text));
}
