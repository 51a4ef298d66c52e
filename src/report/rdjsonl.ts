import { join } from 'node:path';
import {
  activeFindings,
  applyEdits,
  type Finding,
  LineIndex,
  normalizeEdits,
  type Position,
  type ScanResult,
  type Severity,
} from '../model/index.js';
import { readSourceFile } from '../workspace/source-encoding.js';

const SEVERITY: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/** Reads a finding's file (repository-relative) for its line texts; undefined when it cannot. */
export type TextOf = (file: string) => string | undefined;

/** The encoding of each scanned file that is not UTF-8, so a report reads it as scan did. */
export function encodingsOf(result: Pick<ScanResult, 'files'>): Map<string, string> {
  return new Map(result.files.flatMap((f) => (f.encoding ? [[f.file, f.encoding] as const] : [])));
}

/** Texts of files under `root`, decoded as scan decoded them (its offsets are into that text). */
export function textsUnder(root: string, encodings: ReadonlyMap<string, string> = new Map()): TextOf {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readSourceFile(join(root, file), encodings.get(file)).text);
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

/** A UTF-16 position as reviewdog counts it: 1-based line, 1-based column in UTF-8 bytes. */
function utf8Position(text: string | undefined, idx: LineIndex | undefined, p: Position): Position {
  if (text === undefined || idx === undefined) return p;
  const start = idx.lineStart(p.line);
  return { line: p.line, column: Buffer.byteLength(text.slice(start, start + p.column - 1), 'utf8') + 1 };
}

/**
 * A fix as one reviewdog suggestion: the span from its first edit to its last, replaced by that
 * span with the edits applied (reviewdog wants each suggestion to cover the comment's lines, so
 * one suggestion is more use to it than one per edit). Other files' edits cannot be suggested.
 */
function suggestion(f: Finding, text: string | undefined, idx: LineIndex | undefined) {
  if (!f.fix || f.fix.edits.length === 0 || text === undefined || idx === undefined) return undefined;
  const edits = normalizeEdits(f.fix.edits);
  const start = edits[0].start;
  const end = Math.max(...edits.map((e) => e.end));
  const replaced = applyEdits(
    text.slice(start, end),
    edits.map((e) => ({ start: e.start - start, end: e.end - start, text: e.text })),
  );
  return {
    range: {
      start: utf8Position(text, idx, idx.position(start)),
      end: utf8Position(text, idx, idx.position(end)),
    },
    text: replaced,
  };
}

/** One reviewdog `Diagnostic` (proto/rdf/reviewdog.proto) per finding. */
export function rdjsonlLine(f: Finding, textOf: TextOf): string {
  const text = textOf(f.file);
  const idx = text === undefined ? undefined : new LineIndex(text);
  const s = suggestion(f, text, idx);
  const otherFiles = (f.fix?.otherFiles ?? []).filter((o) => o.edits.length > 0).map((o) => o.file);
  const message =
    otherFiles.length > 0
      ? `${f.message} (the fix also edits ${otherFiles.join(', ')}: run kms-codemod migrate ${f.app ?? '.'} --write)`
      : f.message;
  return JSON.stringify({
    message,
    location: {
      path: f.file,
      range: {
        start: utf8Position(text, idx, f.range.start),
        end: utf8Position(text, idx, f.range.end),
      },
    },
    severity: SEVERITY[f.severity],
    source: { name: 'kms-codemod' },
    code: { value: f.ruleId },
    ...(s ? { suggestions: [s] } : {}),
  });
}

/**
 * reviewdog's rdjsonl: one diagnostic per line, for `reviewdog -f=rdjsonl` in PR checks. Columns
 * count UTF-8 bytes, as reviewdog's do; fixes go in as `suggestions`. File texts are read under the
 * scan's root unless `textOf` gives them.
 */
export function rdjsonlReport(
  result: ScanResult,
  textOf: TextOf = textsUnder(result.root, encodingsOf(result)),
): string {
  return activeFindings(result.findings)
    .map((f) => `${rdjsonlLine(f, textOf)}\n`)
    .join('');
}
