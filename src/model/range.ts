/**
 * Positions are 1-based line and column; offsets are UTF-16 code units into the original text,
 * which is what both tree-sitter's node binding and the TypeScript compiler report
 * (research/spike-npm.md §2). Keeping one unit everywhere is what makes edits from any
 * language module splice correctly.
 */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
  /** UTF-16 offset of the first character. */
  startOffset: number;
  /** UTF-16 offset one past the last character. */
  endOffset: number;
}

/** Maps UTF-16 offsets to 1-based line/column, built once per file text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset), startOffset, endOffset };
  }

  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? 0;
  }
}
