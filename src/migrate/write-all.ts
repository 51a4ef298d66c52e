import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { type FileOps, FS_OPS } from './file-ops.js';
import { commitMarkerPath, type Journal, journalPath, saveJson, sha256 } from './journal.js';
import type { WriteTarget } from './write-preflight.js';

export interface WriteOutcome {
  /** Files replaced (all of them, or none). */
  written: WriteTarget[];
  /** Why nothing was written, when a step failed. */
  failure?: string;
  /** What could not be cleaned up or put back after a failure, with what to do. */
  problems: string[];
}

interface Planned extends WriteTarget {
  tmp: string;
  backup: string;
}

/**
 * Replaces every target, or none: the commit protocol of `migrate --write` (ARCHITECTURE.md, "Writing
 * all or nothing").
 *
 * 1. One journal per application directory lists its files, their new and old copies and their hashes.
 * 2. Each new content is written to a temp file beside its target and flushed; each target gets a
 *    backup name (a hard link to its old inode).
 * 3. The run's commit marker is created (temp + rename): the one instant the run becomes committed.
 * 4. Each temp file is renamed over its target.
 * 5. Backups, journals and the marker are removed.
 *
 * A failure before 3 removes what was made; a failure in 4 removes the marker first (the decision to
 * go back), then renames the backups over the files already replaced. A process killed at any moment
 * leaves journals that the next `migrate --write` (src/migrate/journal.ts `recoverDir`) finishes:
 * forward when the marker exists, back otherwise, so each application ends wholly old or wholly new.
 */
export function writeAll(targets: readonly WriteTarget[], ops: FileOps = FS_OPS): WriteOutcome {
  if (targets.length === 0) return { written: [], problems: [] };
  const run = `${process.pid.toString(36)}-${randomBytes(4).toString('hex')}`;
  const planned: Planned[] = targets.map((t) => {
    const base = join(dirname(t.real), `.${basename(t.real)}.kms-codemod-${run}`);
    return { ...t, tmp: `${base}.new`, backup: `${base}.old` };
  });
  const apps = [...new Set(planned.map((t) => t.appDir))];
  const marker = commitMarkerPath(apps[0], run);
  const journals = apps.map((dir): { path: string; journal: Journal } => ({
    path: journalPath(dir),
    journal: {
      tool: 'kms-codemod',
      format: 1,
      run,
      commit: marker,
      files: planned
        .filter((t) => t.appDir === dir)
        .map((t) => ({
          path: t.real,
          file: t.change.file,
          tmp: t.tmp,
          backup: t.backup,
          before: sha256(t.before),
          after: sha256(t.after),
        })),
    },
  }));

  const saved: string[] = [];
  const made: string[] = [];
  try {
    for (const j of journals) {
      saveJson(ops, j.path, run, j.journal);
      saved.push(j.path);
    }
    for (const t of planned) {
      // Recorded before the step: a step that fails half way may leave a partial file to remove.
      made.push(t.tmp);
      ops.create(t.tmp, t.after, t.mode);
      made.push(t.backup);
      ops.keep(t.real, t.backup);
    }
    saveJson(ops, marker, run, { journals: journals.map((j) => j.path) });
  } catch (err) {
    // Nothing was replaced: remove the copies first, the journals last (a kill in between leaves
    // journals that recovery rolls back, which is the same outcome).
    const problems = removeAll(ops, [...made, ...saved]);
    return { written: [], failure: (err as Error).message, problems };
  }

  const replaced: Planned[] = [];
  try {
    for (const t of planned) {
      ops.rename(t.tmp, t.real);
      replaced.push(t);
    }
  } catch (err) {
    return {
      written: [],
      failure: (err as Error).message,
      problems: rollBack(ops, planned, replaced, marker, saved),
    };
  }
  const problems = removeAll(ops, [...planned.map((t) => t.backup), ...saved, marker]);
  return { written: targets.slice(), problems };
}

/** After a failed rename: un-commit the run, put the old files back, remove the rest. */
function rollBack(
  ops: FileOps,
  planned: readonly Planned[],
  replaced: readonly Planned[],
  marker: string,
  journals: readonly string[],
): string[] {
  const problems: string[] = [];
  try {
    ops.remove(marker);
  } catch (err) {
    // The run stays committed: leave everything for `migrate --write` to finish forward.
    return [
      `could not undo the write (${(err as Error).message}); run kms-codemod migrate --write again to finish it (journals: ${journals.join(', ')})`,
    ];
  }
  for (const t of replaced) {
    try {
      ops.rename(t.backup, t.real);
    } catch (err) {
      problems.push(
        `${t.change.file}: could not put the old version back (${(err as Error).message}); it is in ${t.backup}`,
      );
    }
  }
  if (problems.length > 0) return problems;
  return removeAll(ops, [...planned.flatMap((t) => [t.tmp, t.backup]), ...journals]);
}

function removeAll(ops: FileOps, paths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const p of paths) {
    try {
      ops.remove(p);
    } catch (err) {
      problems.push(`${p}: could not remove this leftover (${(err as Error).message})`);
    }
  }
  return problems;
}
