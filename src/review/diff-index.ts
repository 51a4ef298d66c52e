import type { DiffFile } from './diff-parse.js';

/** The new-side lines of one hunk: [first, last], and which of them the change added. */
interface HunkSpan {
  first: number;
  last: number;
}

interface FileLines {
  file: DiffFile;
  added: Set<number>;
  /** New-side spans of the hunks, in order; a hunk that only deletes has none. */
  hunks: HunkSpan[];
}

/**
 * Where a pull request's diff lets a review comment go. GitHub accepts a comment on a line of the
 * new side of a hunk (added or context), and a multi-line comment only when its first and last
 * lines are in the same hunk; anything else is refused with a 422 for the whole review.
 */
export class DiffIndex {
  private readonly byPath = new Map<string, FileLines>();

  constructor(files: readonly DiffFile[]) {
    for (const file of files) {
      if (file.status === 'deleted' || file.binary) continue;
      const added = new Set<number>();
      const hunks: HunkSpan[] = [];
      for (const h of file.hunks) {
        const newLines = h.lines.filter((l) => l.newLine !== undefined).map((l) => l.newLine as number);
        for (const l of h.lines) if (l.kind === 'added' && l.newLine !== undefined) added.add(l.newLine);
        if (newLines.length > 0) hunks.push({ first: newLines[0], last: newLines[newLines.length - 1] });
      }
      this.byPath.set(file.path, { file, added, hunks });
    }
  }

  /** Files with a new side (not deleted, not binary), repository-relative. */
  paths(): string[] {
    return [...this.byPath.keys()];
  }

  hasFile(path: string): boolean {
    return this.byPath.has(path);
  }

  isAdded(path: string, line: number): boolean {
    return this.byPath.get(path)?.added.has(line) ?? false;
  }

  /** The index of the hunk whose new side holds the line, or -1. */
  hunkOf(path: string, line: number): number {
    const hunks = this.byPath.get(path)?.hunks ?? [];
    return hunks.findIndex((h) => line >= h.first && line <= h.last);
  }

  inHunk(path: string, line: number): boolean {
    return this.hunkOf(path, line) >= 0;
  }

  /** Whether lines first..last all lie in one hunk: where a (multi-line) comment may go. */
  sameHunk(path: string, first: number, last: number): boolean {
    const h = this.hunkOf(path, first);
    return h >= 0 && h === this.hunkOf(path, last);
  }

  /** The number of added lines in the file (0 for a file the diff does not touch). */
  addedCount(path: string): number {
    return this.byPath.get(path)?.added.size ?? 0;
  }
}
