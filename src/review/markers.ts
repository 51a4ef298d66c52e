/**
 * The hidden markers that let a later run find what an earlier one posted (reviewdog's
 * `__reviewdog__` comment, Danger's `DangerID`, the sticky-comment header). They are matched together
 * with the author, so a person who pastes one cannot make the bot edit or delete their comment.
 */

const COMMENT = /<!-- kms-codemod:v1 fp=([0-9a-f]{8,64}) rule=([\w/-]+) -->/;

export const SUMMARY_MARKER = '<!-- kms-codemod:v1 summary -->';

export function commentMarker(fingerprint: string, ruleId: string): string {
  return `<!-- kms-codemod:v1 fp=${fingerprint} rule=${ruleId} -->`;
}

/** The fingerprint and rule of a line comment the tool posted, or undefined. */
export function readCommentMarker(
  body: string | null | undefined,
): { fingerprint: string; ruleId: string } | undefined {
  const m = COMMENT.exec(body ?? '');
  return m ? { fingerprint: m[1], ruleId: m[2] } : undefined;
}

export const isSummary = (body: string | null | undefined): boolean => (body ?? '').includes(SUMMARY_MARKER);
