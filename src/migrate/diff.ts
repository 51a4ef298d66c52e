/** Lines with their terminators, so CRLF and a missing final newline survive into the diff. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Myers' O((N+M)·D) line diff: rewrites change few lines, so D stays small. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  const off = max + 1;
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1] < vd[off + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', line: a[x] });
  }
  return ops.reverse();
}

function emit(op: Op): string {
  const body = op.line.endsWith('\n') ? op.line : `${op.line}\n\\ No newline at end of file\n`;
  return op.kind + body;
}

/**
 * A unified diff (git style headers, 3 lines of context) that `git apply` and `patch -p1` accept.
 * Empty when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  let out = `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n`;
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const lineNos: { a: number; b: number }[] = ops.map((op) => {
    const cur = { a: aLine, b: bLine };
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
    return cur;
  });
  while (i < ops.length) {
    while (i < ops.length && ops[i].kind === ' ') i++;
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2·context unchanged lines.
    while (end < ops.length) {
      if (ops[end].kind !== ' ') {
        end++;
        continue;
      }
      let run = end;
      while (run < ops.length && ops[run].kind === ' ') run++;
      if (run >= ops.length || run - end > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end = run;
    }
    const slice = ops.slice(start, end);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const aStart = aCount === 0 ? lineNos[start].a - 1 : lineNos[start].a;
    const bStart = bCount === 0 ? lineNos[start].b - 1 : lineNos[start].b;
    out += `@@ -${aStart},${aCount} +${bStart},${bCount} @@\n`;
    out += slice.map(emit).join('');
    i = end;
  }
  return out;
}

/** Colors a unified diff for a terminal. */
export function colorDiff(diff: string): string {
  return diff
    .split('\n')
    .map((l) => {
      if (l.startsWith('+++') || l.startsWith('---') || l.startsWith('diff ')) return `\x1b[1m${l}\x1b[0m`;
      if (l.startsWith('+')) return `\x1b[32m${l}\x1b[0m`;
      if (l.startsWith('-')) return `\x1b[31m${l}\x1b[0m`;
      if (l.startsWith('@@')) return `\x1b[36m${l}\x1b[0m`;
      return l;
    })
    .join('\n');
}
