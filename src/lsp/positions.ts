import type { Range as LspRange, Position } from 'vscode-languageserver';
import type { Range } from '../model/index.js';

/**
 * A finding's range as LSP positions. Columns are UTF-16 code units in both (model/range.ts), which
 * is the LSP's default position encoding, so no conversion is needed beyond the 0-based shift.
 */
export function lspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** Whether two LSP ranges share a position (touching counts: a cursor at a finding's end is on it). */
export function overlaps(a: LspRange, b: LspRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(x: Position, y: Position): boolean {
  return x.line < y.line || (x.line === y.line && x.character < y.character);
}
