import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { TextEdit } from '../model/edit.js';
import type { ClientSite } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import type { Language } from '../model/language.js';

export interface MissedInput {
  file: string;
  language: Language;
  /** The file as read (BOM included): the offsets of `clients` and `edits`. */
  text: string;
  /** 1 when the rewriter saw the text without a BOM: its findings' offsets are one less. */
  shift: number;
  clients: readonly ClientSite[];
  edits: readonly TextEdit[];
  /** What the rewriter already reported (offsets without the BOM). */
  findings: readonly Finding[];
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) =>
  aStart < bEnd && aEnd > bStart;

/**
 * Scan's legacy KMS clients the rewriter neither rewrote (no edit on the callee) nor reported (a finding
 * over the client, or one whose `data.family` names the client's SDK family for the whole file): a shape
 * the rewriter does not know. Left alone, they keep calling the shared gateway, so each is an error.
 */
export function unrewrittenClients(input: MissedInput): Finding[] {
  const out: Finding[] = [];
  for (const c of input.clients) {
    const { startOffset: cs, endOffset: ce } = c.calleeRange;
    if (input.edits.some((e) => e.end > e.start && overlaps(e.start, e.end, cs, ce))) continue;
    const { startOffset: rs, endOffset: re } = c.range;
    if (
      input.findings.some((f) => f.data?.family === c.family) ||
      input.findings.some((f) =>
        overlaps(
          f.range.startOffset + input.shift,
          Math.max(f.range.endOffset, f.range.startOffset + 1) + input.shift,
          rs,
          re,
        ),
      )
    )
      continue;
    out.push(
      noteAt(
        MIGRATE_RULES.clientNotRewritten,
        'error',
        `${c.constructorName}: scan reports a legacy KMS client here, but the ${input.language} rewriter does not handle this construction; it keeps calling the shared gateway: migrate it by hand`,
        input.file,
        input.language,
        input.text,
        rs,
        re,
      ),
    );
  }
  return out;
}
