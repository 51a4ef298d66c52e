/**
 * A unified diff as `git diff` prints it, parsed once: per file, its hunks and the lines of the new
 * side each hunk holds. Review comments are anchored on these, never on a guess.
 */

export type DiffLineKind = 'added' | 'context' | 'deleted';

export interface DiffLine {
  kind: DiffLineKind;
  /** Line number in the new file (added and context lines). */
  newLine?: number;
  /** Line number in the old file (deleted and context lines). */
  oldLine?: number;
  text: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface DiffFile {
  /** Path in the new tree (the old path for a deleted file), repository-relative with `/`. */
  path: string;
  /** Path in the old tree when the file was renamed or copied. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  hunks: Hunk[];
}

/** Git's C-style quoting of a path with unusual characters: `"dir/\303\251t\303\251.go"`. */
function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = s[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `a/x` → `x` (git's default prefixes, which `gitDiff` asks for explicitly). */
function stripPrefix(path: string, prefix: 'a/' | 'b/'): string {
  const p = unquote(path);
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** The two paths of `diff --git a/X b/Y` when no ---/+++ lines follow (a rename or an empty new file). */
function headerPaths(rest: string): { a: string; b: string } | undefined {
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ', 1);
    if (end < 0) return undefined;
    return { a: stripPrefix(rest.slice(0, end + 1), 'a/'), b: stripPrefix(rest.slice(end + 2), 'b/') };
  }
  // Unquoted and unrenamed: `a/X b/X`, so X is half of what is left once the prefixes go.
  const half = (rest.length - 5) / 2;
  if (Number.isInteger(half) && rest.slice(2, 2 + half) === rest.slice(half + 5)) {
    const x = rest.slice(2, 2 + half);
    return { a: x, b: x };
  }
  return undefined;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses `git diff` output (any number of files). Lines may end in CRLF; the `\r` is dropped. */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  let file: (DiffFile & { minus?: string; plus?: string }) | undefined;
  let i = 0;
  const finish = () => {
    if (!file) return;
    if (file.plus === undefined && file.minus !== undefined) file.path = file.minus;
    delete file.minus;
    delete file.plus;
    files.push(file);
  };
  while (i < lines.length) {
    const line = lines[i].replace(/\r$/, '');
    if (line.startsWith('diff --git ')) {
      finish();
      const paths = headerPaths(line.slice('diff --git '.length));
      file = { path: paths?.b ?? '', status: 'modified', binary: false, hunks: [] };
      if (paths && paths.a !== paths.b) file.oldPath = paths.a;
      i++;
      continue;
    }
    if (!file) {
      i++;
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      i = readHunk(lines, i, hunk, file);
      continue;
    }
    if (line.startsWith('new file mode')) file.status = 'added';
    else if (line.startsWith('deleted file mode')) file.status = 'deleted';
    else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
      file.oldPath = unquote(line.slice(line.indexOf(' from ') + 6));
      file.status = 'renamed';
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      file.path = unquote(line.slice(line.indexOf(' to ') + 4));
      file.status = 'renamed';
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.binary = true;
    else if (line.startsWith('--- ')) {
      // git ends a path that holds a space with a tab, so that the name has a visible end.
      const p = line.slice(4).replace(/\t$/, '');
      if (p !== '/dev/null') file.minus = stripPrefix(p, 'a/');
    } else if (line.startsWith('+++ ')) {
      const p = line.slice(4).replace(/\t$/, '');
      if (p === '/dev/null') file.status = 'deleted';
      else {
        file.plus = stripPrefix(p, 'b/');
        file.path = file.plus;
      }
    }
    i++;
  }
  finish();
  return files;
}

/** Reads one hunk's lines, as many as its header counts; returns the index after it. */
function readHunk(lines: string[], at: number, m: RegExpExecArray, file: DiffFile): number {
  const h: Hunk = {
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
    lines: [],
  };
  let oldLine = h.oldStart;
  let newLine = h.newStart;
  let oldLeft = h.oldLines;
  let newLeft = h.newLines;
  let i = at + 1;
  while (i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i].startsWith('\\'))) {
    const raw = lines[i].replace(/\r$/, '');
    const mark = raw[0];
    const text = raw.slice(1);
    if (mark === '\\') {
      // "\ No newline at end of file": about the line before, not a line of its own.
    } else if (mark === '+') {
      h.lines.push({ kind: 'added', newLine: newLine++, text });
      newLeft--;
    } else if (mark === '-') {
      h.lines.push({ kind: 'deleted', oldLine: oldLine++, text });
      oldLeft--;
    } else if (mark === ' ' || raw === '') {
      h.lines.push({ kind: 'context', oldLine: oldLine++, newLine: newLine++, text });
      oldLeft--;
      newLeft--;
    } else break;
    i++;
  }
  file.hunks.push(h);
  return i;
}
