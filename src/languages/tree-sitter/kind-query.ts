/**
 * Our fact queries are one alternation of bare node kinds, `[ (call) @call (assignment) @assign ]`.
 * Such a query needs no pattern matching: one native pre-order walk that keeps nodes of those kinds
 * (`descendantsOfType`) yields the same captures in the same document order, 2–2.6× faster than the
 * query engine (bench/extract.bench.mjs). This reads that shape from the .scm text, and returns
 * undefined for anything richer (fields, predicates, quantifiers), which then runs as a real query.
 */
export function kindCaptures(source: string): Map<string, string> | undefined {
  const body = source
    .split('\n')
    .map((line) => line.replace(/;.*$/, ''))
    .join(' ')
    .trim();
  const inner = /^\[(.*)\]$/s.exec(body)?.[1] ?? body;
  const kinds = new Map<string, string>();
  const pattern = /\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*@([A-Za-z_][A-Za-z0-9_.-]*)/y;
  let at = 0;
  const rest = inner.trim();
  while (at < rest.length) {
    while (at < rest.length && /\s/.test(rest[at])) at++;
    if (at >= rest.length) break;
    pattern.lastIndex = at;
    const m = pattern.exec(rest);
    // A kind listed twice would be captured twice by the query engine, once here: not this shape.
    if (!m || kinds.has(m[1])) return undefined;
    kinds.set(m[1], m[2]);
    at = pattern.lastIndex;
  }
  return kinds.size > 0 ? kinds : undefined;
}
