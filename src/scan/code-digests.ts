import {
  assignFingerprints,
  type CodeDigests,
  codeDigest,
  type FileFacts,
  type Finding,
  NO_CODE_DIGEST,
  type Range,
} from '../model/index.js';

export function rangeKey(range: Pick<Range, 'startOffset' | 'endOffset'>): string {
  return `${range.startOffset}:${range.endOffset}`;
}

function isRange(v: object): v is Range {
  const r = v as Partial<Range>;
  return typeof r.startOffset === 'number' && typeof r.endOffset === 'number';
}

/**
 * The code digest (src/model/fingerprint.ts) of every range in a file's facts, taken while its text is
 * at hand: findings point at fact ranges, and are fingerprinted after the text is gone (or, from the
 * cache, never read). Walks the facts generically, so a fact kind added later is covered too.
 */
export function codeDigests(facts: FileFacts, text: string): CodeDigests {
  const out: CodeDigests = {};
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v !== null && typeof v === 'object') {
      if (isRange(v)) {
        const key = rangeKey(v);
        if (!(key in out)) out[key] = codeDigest(text.slice(v.startOffset, v.endOffset), facts.language);
        return;
      }
      for (const x of Object.values(v)) visit(x);
    }
  };
  visit(facts);
  return out;
}

/** Fingerprints findings from the digests their files' extraction recorded (`codeDigests`). */
export function fingerprintFromDigests(
  findings: readonly Finding[],
  byFile: ReadonlyMap<string, CodeDigests>,
): void {
  assignFingerprints(findings, (f) => byFile.get(f.file)?.[rangeKey(f.range)] ?? NO_CODE_DIGEST);
}
