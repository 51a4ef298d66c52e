import { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import type { Range } from '../model/range.js';
import type { Skip } from '../workspace/skips.js';
import type { RetypeRefusal } from './go-retype-plan.js';
import type { MissedConstruction } from './half-retype.js';
import type { BlockedApp } from './scan-plan.js';

const START: Range = {
  start: { line: 1, column: 1 },
  end: { line: 1, column: 1 },
  startOffset: 0,
  endOffset: 0,
};

/** A blocked application, at its first blocked call, with scan's reasons. */
export function blockedNote(app: BlockedApp, force: boolean, display: (abs: string) => string): Finding {
  const where = app.at?.path ?? app.dir;
  const why = app.result.reasons.join('; ');
  return {
    ruleId: MIGRATE_RULES.blockedApp,
    severity: force ? 'warning' : 'error',
    message: force
      ? `${display(app.dir)}: rewritten because of --force although scan judged the application blocked (${why}); the blocked calls keep going to the shared gateway, which closes one month after the key moves`
      : `${display(app.dir)}: not rewritten: scan judged the application blocked (${why}); remove those calls or pass --force`,
    file: display(where),
    language: app.at ? (languageOfPath(app.at.path) ?? 'other') : 'other',
    range: app.at?.range ?? START,
    data: { app: display(app.dir) },
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
