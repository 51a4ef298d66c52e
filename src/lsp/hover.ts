import { type Hover, MarkupKind } from 'vscode-languageserver';
import {
  type ApiCall,
  type AppResult,
  type ClientSite,
  isBlockedAction,
  isInstanceAction,
} from '../model/index.js';
import { blockedNote, blockingCalls, isMigratableClient, noRewriteNote } from './diagnostics.js';
import type { DocumentAnalysis } from './document-analysis.js';
import { lspRange } from './positions.js';

function where(app: AppResult): string {
  const calls = blockingCalls(app).map((c) => `\`${c.action}\` at ${c.file}:${c.line}`);
  return calls.length ? calls.join(', ') : app.reasons.join('; ');
}

/** The hover of a KMS call: the action, where it is served after the move, and whether it blocks. */
function callHover(call: ApiCall, app: AppResult): string[] {
  const lines = [`**KMS action \`${call.action}\`** (kms-codemod)`, ''];
  if (isBlockedAction(call.action)) {
    lines.push(
      'After the move: **not served by the KMS instance**; it stays on the shared KMS gateway, which closes for the key one month after the key moves.',
      '',
      `**Blocks the move of this application** (${app.dir === '.' ? 'the workspace root' : app.dir}): migrating its clients would break this call, so no rewrite is offered until it is gone.`,
    );
  } else if (isInstanceAction(call.action)) {
    lines.push(
      'After the move: **served by the KMS instance** (through the transfer client).',
      '',
      'Does not block the move.',
    );
  } else {
    lines.push(
      'After the move: **stays on the shared KMS gateway**, which closes for the key one month after the key moves.',
      '',
      'Does not block the move, but it fails once the gateway closes for its key.',
    );
  }
  if (app.verdict === 'blocked' && !isBlockedAction(call.action))
    lines.push('', `This application is blocked by ${where(app)}.`);
  return lines;
}

function clientHover(site: ClientSite, a: DocumentAnalysis): string[] | undefined {
  const finding = a.findings.find(
    (f) => f.ruleId === 'legacy-kms-client' && f.range.startOffset === site.range.startOffset,
  );
  if (!finding) return undefined;
  const lines = [`**KMS client \`${site.constructorName}\`** (kms-codemod)`, '', finding.message];
  if (finding.suppressed) {
    const why = finding.suppressed.reason ? ` (${finding.suppressed.reason})` : '';
    lines.push(
      '',
      `Ignored by the comment on line ${finding.suppressed.line}${why}: migrate leaves this client as it is.`,
    );
    return lines;
  }
  if (!isMigratableClient(finding)) return lines;
  const withheld = noRewriteNote(a.app);
  if (a.app.verdict === 'blocked') lines.push('', blockedNote(a.app), '', `Blocked by ${where(a.app)}.`);
  else if (withheld) lines.push('', withheld);
  else lines.push('', `Quick fix: *Migrate this client to the KMS instance transfer client*.`);
  return lines;
}

const inside = (offset: number, r: { range: { startOffset: number; endOffset: number } }) =>
  r.range.startOffset <= offset && offset <= r.range.endOffset;

/** Hover on a KMS call or a KMS client of the analysed buffer. */
export function hoverAt(a: DocumentAnalysis, offset: number, markdown: boolean): Hover | null {
  const call = a.facts.calls
    .filter((c) => inside(offset, c))
    .sort((x, y) => x.range.startOffset - y.range.startOffset)
    .pop();
  const site = a.facts.clients.find((c) => inside(offset, c));
  const lines = call ? callHover(call, a.app) : site ? clientHover(site, a) : undefined;
  if (!lines) return null;
  const text = lines.join('\n');
  return {
    contents: markdown
      ? { kind: MarkupKind.Markdown, value: text }
      : { kind: MarkupKind.PlainText, value: text.replace(/[*`]/g, '') },
    range: lspRange((call ?? site)!.range),
  };
}
