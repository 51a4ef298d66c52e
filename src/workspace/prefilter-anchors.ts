/** Shorter than this, an anchor is too common to rule files out. */
const MIN_ANCHOR = 6;

/**
 * A few substrings such that every literal contains one of them (a greedy set cover: the substring
 * shared by the most literals first, the longest among those). The prefilter searches the raw bytes for
 * them before running its regexes: most files hold none, and a handful of memory searches is several
 * times faster than a regex alternation that tries each literal at every position.
 */
export function anchorsFor(literals: readonly string[]): string[] {
  let uncovered = [...new Set(literals)];
  const anchors: string[] = [];
  while (uncovered.length > 0) {
    // How many uncovered literals hold each substring (of at least MIN_ANCHOR characters).
    const counts = new Map<string, number>();
    for (const lit of uncovered) {
      const seen = new Set<string>();
      const min = Math.min(MIN_ANCHOR, lit.length);
      for (let i = 0; i + min <= lit.length; i++)
        for (let j = i + min; j <= lit.length; j++) seen.add(lit.slice(i, j));
      for (const sub of seen) counts.set(sub, (counts.get(sub) ?? 0) + 1);
    }
    let best = uncovered[0];
    let bestCount = 0;
    for (const [sub, count] of counts)
      if (count > bestCount || (count === bestCount && sub.length > best.length)) {
        best = sub;
        bestCount = count;
      }
    anchors.push(best);
    uncovered = uncovered.filter((l) => !l.includes(best));
  }
  return anchors;
}
