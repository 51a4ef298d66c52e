import { join } from 'node:path';
import {
  type Diagnostic,
  type DiagnosticRelatedInformation,
  DiagnosticSeverity,
} from 'vscode-languageserver';
import type { AppResult, Finding, Severity } from '../model/index.js';
import type { DocumentAnalysis } from './document-analysis.js';
import { lspRange } from './positions.js';
import { ruleDocUri } from './rule-docs.js';
import { uriOfPath } from './uri.js';

export const SOURCE = 'kms-codemod';
const CLIENT_RULE = 'legacy-kms-client';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A legacy client that needs migrating: not an "already migrated" note, and not silenced by an inline
 * comment (migrate leaves such a client alone).
 */
export function isMigratableClient(f: Finding): boolean {
  return f.ruleId === CLIENT_RULE && f.severity !== 'info' && !f.suppressed;
}

/** Where the calls that block an application are, root-relative. */
export function blockingCalls(app: AppResult): { action: string; file: string; line: number }[] {
  return app.actions
    .filter((a) => a.blocked)
    .flatMap((a) => a.locations.map((l) => ({ action: a.action, ...l })));
}

const appName = (app: AppResult) => (app.dir === '.' ? '(the workspace root)' : app.dir);

/** Why a blocked application's client is not rewritten, in the scan's own words. */
export function blockedNote(app: AppResult): string {
  return `No rewrite is offered: application ${appName(app)} is blocked (${app.reasons.join('; ')}), and migrating half of it would break it.`;
}

/**
 * Why no client of the application gets a rewrite, when none does: it is blocked, or scan could not
 * read all of it (migrate then leaves it alone too, since a call in the unread part may block it).
 */
export function noRewriteNote(app: AppResult): string | undefined {
  if (app.verdict === 'blocked') return blockedNote(app);
  if (app.verdict === 'incomplete')
    return `No rewrite is offered: kms-codemod could not read all of application ${appName(app)} (${app.reasons.join('; ')}), so migrate leaves it as it is; fix those files or leave them out with the config's ignores.`;
  return undefined;
}

/** A finding as an LSP diagnostic: the rule id as `code`, its README as `codeDescription`. */
export function toDiagnostic(f: Finding, app: AppResult, root: string): Diagnostic {
  const d: Diagnostic = {
    range: lspRange(f.range),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    message: f.message,
  };
  // The finding's stable identity (the one SARIF and baselines carry), for clients and our own actions.
  if (f.fingerprint) d.data = { fingerprint: f.fingerprint };
  const doc = ruleDocUri(f.ruleId);
  if (doc) d.codeDescription = { href: doc };
  const withheld = isMigratableClient(f) ? noRewriteNote(app) : undefined;
  if (withheld) d.message = `${f.message} ${withheld}`;
  if (withheld && app.verdict === 'blocked') {
    const related: DiagnosticRelatedInformation[] = blockingCalls(app).map((c) => ({
      location: {
        uri: uriOfPath(join(root, c.file)),
        range: { start: { line: c.line - 1, character: 0 }, end: { line: c.line - 1, character: 0 } },
      },
      message: `${c.action} blocks the move of this application`,
    }));
    if (related.length) d.relatedInformation = related;
  }
  return d;
}

/** The diagnostics of one analysed buffer. */
export function documentDiagnostics(a: DocumentAnalysis): Diagnostic[] {
  if (a.skipped?.kind === 'too-large')
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'not-analysed',
        message: a.skipped.message,
      },
    ];
  // A finding an inline comment silences is not shown, as scan's text report leaves it out.
  const out = a.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, a.app, a.root));
  if (a.problem)
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: SOURCE,
      code: 'not-analysed',
      message: `${a.file}: ${a.problem}`,
    });
  return out;
}
