import { MIGRATE_RULES } from '../languages/rewrite-kit/findings.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import type { Range } from '../model/range.js';
import type { Skip } from '../workspace/skips.js';
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
