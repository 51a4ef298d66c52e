import { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
import type { ClientSite, FileFacts } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import type { Range } from '../model/range.js';
import type { Skip } from '../workspace/skips.js';
import type { RetypeRefusal } from './go-retype-plan.js';
import type { MissedConstruction } from './half-retype.js';
import type { BlockedApp, KeptClient } from './scan-plan.js';

const START: Range = {
  start: { line: 1, column: 1 },
  end: { line: 1, column: 1 },
  startOffset: 0,
  endOffset: 0,
};

/** A blocked application, at its first blocked call, with scan's reasons. */
export function blockedNote(app: BlockedApp, force: boolean, display: (abs: string) => string): Finding {
  const where = app.at?.path ?? app.dir;
  const reasons = app.result.reasons;
  // One reason reads well inline; more are a list the report prints under the finding (data.reasons).
  const why = reasons.length === 1 ? reasons[0] : `${reasons.length} reasons, listed below`;
  return {
    ruleId: MIGRATE_RULES.blockedApp,
    severity: force ? 'warning' : 'error',
    message: force
      ? `${display(app.dir)}: rewritten because of --force although scan judged the application blocked (${why}); the blocked calls keep going to the shared gateway, which closes one month after the key moves`
      : `${display(app.dir)}: not rewritten: scan judged the application blocked (${why}); remove those calls or pass --force`,
    file: display(where),
    language: app.at ? (languageOfPath(app.at.path) ?? 'other') : 'other',
    range: app.at?.range ?? START,
    data: { app: display(app.dir), ...(reasons.length > 1 ? { reasons } : {}) },
  };
}

/** A file scan could not read or analyse: any client in it is left as it is. */
export function skippedNote(entry: { path: string; skip: Skip }, display: (abs: string) => string): Finding {
  return {
    ruleId: MIGRATE_RULES.unreadable,
    severity: 'warning',
    message: `${display(entry.path)}: ${entry.skip.detail}; not migrated`,
    file: display(entry.path),
    language: languageOfPath(entry.path) ?? 'other',
    range: START,
  };
}

/** An application whose client type cannot move with its client: nothing in it is rewritten (`file` absolute). */
export function refusedNote(
  app: { dir: string; refusal: RetypeRefusal },
  display: (abs: string) => string,
): Finding {
  return {
    ruleId: app.refusal.ruleId,
    severity: 'error',
    message: `${display(app.dir)}: not rewritten: ${app.refusal.message}`,
    file: display(app.refusal.file),
    language: 'go',
    range: app.refusal.range,
    data: { app: display(app.dir) },
  };
}

/** A Go module whose rewrite would have left a construction on the legacy type: nothing in it is written. */
export function halfRetypeNote(
  app: string,
  missed: readonly MissedConstruction[],
  display: (abs: string) => string,
): Finding {
  const first = missed[0];
  const at = missed.map((m) => `${display(m.path)}:${m.site.range.start.line}`).join(', ');
  return {
    ruleId: MIGRATE_RULES.retypeRefused,
    severity: 'error',
    message: `${display(app)}: not rewritten: the client type moves to the transfer type across the module, but the construction at ${at} could not be rewritten (see the finding there), which would leave the module half retyped; migrate it by hand, then run migrate again`,
    file: display(first.path),
    language: 'go',
    range: first.site.range,
    data: { app: display(app) },
  };
}

/** Each legacy client of a generated file: left as it is, the generator must change. */
export function generatedNotes(
  g: { path: string; facts: FileFacts; clients: readonly ClientSite[] },
  display: (abs: string) => string,
): Finding[] {
  return g.clients.map((c) => ({
    ruleId: MIGRATE_RULES.generatedFile,
    severity: 'error',
    message: `${display(g.path)} is generated ("${g.facts.generated}"): its ${c.constructorName} client is not rewritten and keeps calling the shared gateway; change the generator or its template to build a transfer client, then regenerate`,
    file: display(g.path),
    language: g.facts.language,
    range: c.range,
  }));
}
/** A client migrate leaves as it is on purpose, with scan's reason (the same words as scan's finding). */
export function keptNote(kept: KeptClient, display: (abs: string) => string): Finding {
  return {
    ruleId:
      kept.change === 'configuration' ? MIGRATE_RULES.configurationChange : MIGRATE_RULES.managementOnly,
    severity: 'info',
    message: `${kept.site.constructorName}: not rewritten: ${kept.note}`,
    file: display(kept.path),
    language: languageOfPath(kept.path) ?? 'other',
    range: kept.site.range,
    data: { change: kept.change },
  };
}

/** An application scan could not read in full: any of its files may hold a client nobody saw. */
export function incompleteNote(app: BlockedApp, allow: boolean, display: (abs: string) => string): Finding {
  const why = app.result.reasons.join('; ');
  return {
    ruleId: MIGRATE_RULES.incompleteApp,
    severity: allow ? 'warning' : 'error',
    message: allow
      ? `${display(app.dir)}: rewritten as far as it was read, because of --allow-incomplete (${why})`
      : `${display(app.dir)}: not rewritten: scan could not read all of it (${why}); fix or --ignore those files, or pass --allow-incomplete`,
    file: display(app.dir),
    language: 'other',
    range: START,
    data: { app: display(app.dir) },
  };
}
