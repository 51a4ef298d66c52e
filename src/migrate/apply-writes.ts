import { MIGRATE_RULES, noteAt } from '../languages/rewrite-kit/findings.js';
import type { Finding } from '../model/finding.js';
import { languageOfPath } from '../model/language.js';
import { GitError } from '../workspace/git.js';
import type { FileOps } from './file-ops.js';
import { dirtyAmong } from './git.js';
import type { FileChange } from './plan-migration.js';
import { writeAll } from './write-all.js';
import { preflightWrites } from './write-preflight.js';

export interface AppliedWrites {
  /** Files replaced, as shown to the user (all of the changes, or none). */
  written: string[];
  /** Why nothing was written (dirty files, refusals, a failed write), as findings. */
  notes: Finding[];
  /** Whether the write was refused or failed (exit 1). */
  failed: boolean;
}

function note(ruleId: string, change: FileChange | undefined, message: string): Finding {
  const file = change?.file ?? '.';
  return noteAt(
    ruleId,
    'error',
    message,
    file,
    change ? (languageOfPath(change.path) ?? 'other') : 'other',
    change?.before ?? '',
    0,
    0,
  );
}

/**
 * `migrate --write`: all of the changes or none. Nothing is written while a file has uncommitted
 * changes (unless `allowDirty`), while git itself fails, or while a check of src/migrate/write-preflight.ts
 * fails; then src/migrate/write-all.ts replaces every file or, on a failure, puts back every file it
 * had replaced.
 */
export function applyWrites(
  changes: readonly FileChange[],
  allowDirty: boolean,
  ops?: FileOps,
): AppliedWrites {
  if (changes.length === 0) return { written: [], notes: [], failed: false };
  const pending = `nothing was written (${changes.length} file(s) pending)`;
  const pre = preflightWrites(changes);
  if (pre.refusals.length > 0) {
    const notes = pre.refusals.map((r) =>
      note(
        MIGRATE_RULES.notWritable,
        r.change,
        `${r.change.file}: cannot be written: ${r.message}; so ${pending}`,
      ),
    );
    return { written: [], notes, failed: true };
  }
  if (!allowDirty) {
    let dirty: Set<string>;
    try {
      // A symbolic link is tracked as a link: its target's own changes count too.
      dirty = dirtyAmong([...new Set(pre.targets.flatMap((t) => [t.change.path, t.real]))]);
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      const message = `${err.message}; uncommitted changes cannot be checked, so ${pending}: fix git (or pass --allow-dirty)`;
      return { written: [], notes: [note(MIGRATE_RULES.gitFailed, undefined, message)], failed: true };
    }
    const notes = pre.targets
      .filter((t) => dirty.has(t.change.path) || dirty.has(t.real))
      .map((t) =>
        note(
          MIGRATE_RULES.dirtyFile,
          t.change,
          `${t.change.file}: has uncommitted changes, so ${pending}; commit or stash them first, or pass --allow-dirty`,
        ),
      );
    if (notes.length > 0) return { written: [], notes, failed: true };
  }
  const outcome = writeAll(pre.targets, ops);
  const notes = outcome.problems.map((p) => note(MIGRATE_RULES.writeFailed, undefined, p));
  if (outcome.failure !== undefined) {
    notes.unshift(
      note(
        MIGRATE_RULES.writeFailed,
        undefined,
        `the write failed (${outcome.failure}); ${outcome.problems.length ? 'see below for what is left' : 'every file already replaced was put back, so nothing changed'}`,
      ),
    );
    return { written: [], notes, failed: true };
  }
  return { written: outcome.written.map((t) => t.change.file), notes, failed: false };
}
