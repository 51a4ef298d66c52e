import { structuredPatch } from 'diff';

type Hunks = ReturnType<typeof structuredPatch>['hunks'];

/** The hunks of a unified diff: `@@` headers and their lines, each line ending in `\n`. */
function hunkText(hunks: Hunks): string {
  let out = '';
  for (const h of hunks) {
    // A side with no lines is numbered from the line before the hunk (`-0,0` for an empty file).
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out += `@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@\n`;
    for (const line of h.lines) out += `${line}\n`;
  }
  return out;
}

/**
 * A unified diff (git style headers, 3 lines of context) that `git apply` and `patch -p1` accept.
 * Empty when the texts are equal. The line diff is the `diff` package's; each line keeps its own
 * terminator, so CRLF files diff as CRLF, and a missing final newline gets git's marker.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context });
  return `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n${hunkText(patch.hunks)}`;
}

/** A unified diff of two texts that are not files (two runs' output), under `---`/`+++` labels. */
export function labelledDiff(
  beforeLabel: string,
  afterLabel: string,
  before: string,
  after: string,
  context = 1,
): string {
  if (before === after) return '';
  const patch = structuredPatch(beforeLabel, afterLabel, before, after, undefined, undefined, { context });
  return `--- ${beforeLabel}\n+++ ${afterLabel}\n${hunkText(patch.hunks)}`;
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
