import { createHash } from 'node:crypto';
import { blankComments } from './comments.js';
import type { Finding } from './finding.js';
import type { Language } from './language.js';

/** The key SARIF `partialFingerprints` carries ours under; a new normalisation would be `/v2`. */
export const FINGERPRINT_KEY = 'kmsCodemodFingerprint/v1';

/** Matched code as fingerprints see it: comments and all whitespace dropped. */
export function normalizeCode(code: string, language: Language): string {
  return blankComments(code, language).replace(/\s+/g, '');
}

/**
 * A digest of a piece of matched code, normalised. Extraction records one per fact range, so a
 * finding can be fingerprinted later without the file's text (from the fact cache, say).
 */
export function codeDigest(code: string, language: Language): string {
  return createHash('sha256').update(normalizeCode(code, language)).digest('hex').slice(0, 32);
}

/**
 * The one identity of a finding, shared by SARIF `partialFingerprints`, baselines and the PR bot's
 * duplicate check: rule id + repository-relative path + the normalised matched code + which
 * occurrence of that same code and rule in the file it is. Never the line: inserting lines above a
 * finding, re-indenting it, or moving the rest of the file keeps it; changing the matched code does not.
 */
export function fingerprint(ruleId: string, file: string, digest: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${ruleId}\0${file}\0${digest}\0${occurrence}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Sets `fingerprint` on each finding. `digestOf` gives the code digest of a finding's range
 * (`codeDigest` of the matched text); occurrences count, in order of position, the findings of one
 * file and rule with the same digest.
 */
export function assignFingerprints(findings: readonly Finding[], digestOf: (f: Finding) => string): void {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.file}\0${digestOf(f)}`;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  for (const [key, list] of byKey) {
    const [ruleId, file, digest] = key.split('\0');
    list.sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset);
    list.forEach((f, i) => {
      f.fingerprint = fingerprint(ruleId, file, digest, i);
    });
  }
}

/** `assignFingerprints` for findings in one text (an editor buffer, a rewrite's notes). */
export function fingerprintInText(findings: readonly Finding[], text: string, language: Language): void {
  assignFingerprints(findings, (f) =>
    codeDigest(text.slice(f.range.startOffset, f.range.endOffset), language),
  );
}

/** The digest of no code at all: for findings about a whole file, or whose text is not at hand. */
export const NO_CODE_DIGEST = codeDigest('', 'other');

/** Fingerprints the findings that have none yet as matching no code (file-level notes). */
export function fingerprintUnanchored(findings: readonly Finding[]): void {
  assignFingerprints(
    findings.filter((f) => f.fingerprint === undefined),
    () => NO_CODE_DIGEST,
  );
}
