/** A splice on the original text: replace [start, end) (UTF-16 offsets) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export class EditOverlapError extends Error {
  constructor(
    readonly a: TextEdit,
    readonly b: TextEdit,
  ) {
    super(`overlapping edits [${a.start},${a.end}) and [${b.start},${b.end})`);
    this.name = 'EditOverlapError';
  }
}

/** Sorts edits by position; identical edits collapse, overlapping ones are refused. */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
    // Two insertions at the same point are fine (kept in the given order); anything that
    // shares characters is not.
    if (prev && e.start < prev.end) throw new EditOverlapError(prev, e);
    out.push(e);
  }
  return out;
}

/** Applies offset splices to the original text, never re-printing anything outside them. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = normalizeEdits(edits);
  let out = '';
  let cursor = 0;
  for (const e of ordered) {
    if (e.start < cursor || e.end > text.length || e.start > e.end) {
      throw new RangeError(`edit [${e.start},${e.end}) outside text of length ${text.length}`);
    }
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}
