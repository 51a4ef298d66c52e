import type { ClientTargets } from '../languages/rewrite-kit/rewriter.js';
import type { ClientSite } from '../model/facts.js';

/**
 * Scan's legacy KMS clients of one file as the rewriters' filter. `shift` moves scan's offsets (taken
 * on the text as read, BOM included) onto the text the rewriter parses (BOM stripped).
 */
export function clientTargets(sites: readonly ClientSite[], shift = 0): ClientTargets {
  const spans = sites.map((s) => ({
    start: s.range.startOffset - shift,
    end: s.range.endOffset - shift,
    calleeStart: s.calleeRange.startOffset - shift,
    calleeEnd: s.calleeRange.endOffset - shift,
    family: s.family,
  }));
  return {
    // The rewriter's node and the extractor's range may differ by wrapping trivia, never by the callee.
    accepts: (start, end, family) =>
      spans.some(
        (s) =>
          (!family || s.family === family) &&
          s.calleeStart >= start &&
          s.calleeEnd <= end &&
          s.start < end &&
          s.end > start,
      ),
  };
}
