import { createHash } from 'node:crypto';
import type { Finding } from '../model/index.js';

/** A finding with its stable identity: the hidden marker of its review comment. */
export type Fingerprinted = Finding & { fingerprint: string };

// Stand-in for src/model/fingerprint.ts (the incremental engine's one fingerprint function) until
// it lands: rule, path and the matched code with whitespace dropped, plus an occurrence index;
// never the line. Then scan sets `fingerprint` and this only checks it is there.
export function fingerprinted(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
): Fingerprinted[] {
  const seen = new Map<string, number>();
  const ordered = [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.startOffset - b.range.startOffset,
  );
  const ids = new Map<Finding, string>();
  for (const f of ordered) {
    const code = (textOf(f.file) ?? '').slice(f.range.startOffset, f.range.endOffset).replace(/\s+/g, '');
    const key = `${f.ruleId}\0${f.file}\0${code}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    ids.set(f, createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32));
  }
  return findings.map((f) => ({ ...f, fingerprint: ids.get(f) as string }));
}
