import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileOps, FS_OPS } from './file-ops.js';

/**
 * The journal of one `migrate --write` run in one application directory: what the run is about to
 * replace, where the new and the old content of each file are kept, and where the run's commit
 * marker lives. The protocol is in src/migrate/write-all.ts; this module writes journals and, after a
 * run that was killed, puts each application back wholly old or wholly new.
 */
export const JOURNAL_FILE = '.kms-codemod-journal.json';
const MARKER = /^\.kms-codemod-commit-[\w-]+\.json$/;
/** Half-written journals and markers: never authoritative, so always safe to remove. */
const STRAY = /^(\.kms-codemod-journal\.json|\.kms-codemod-commit-[\w-]+\.json)\.[\w-]+\.tmp$/;

export interface JournalEntry {
  /** The file replaced (a symbolic link's target, when the source was a link). */
  path: string;
  /** The path the user knows it by, for messages. */
  file: string;
  /** The new content, written beside `path` before the commit. */
  tmp: string;
  /** The old content: a second name of the file's old inode. */
  backup: string;
  /** SHA-256 of the old and of the new bytes. */
  before: string;
  after: string;
}

export interface Journal {
  tool: 'kms-codemod';
  format: 1;
  run: string;
  /** The run's commit marker: while it exists the run is committed and is finished forward. */
  commit: string;
  files: JournalEntry[];
}

/** What recovery did with one journal. */
export interface Recovery {
  journal: string;
  /** `forward`: the run had committed, its new files are in place; `back`: the old files are. */
  direction: 'forward' | 'back';
  files: string[];
  /** Files that were changed by someone else since, or could not be put back; the journal is kept. */
  problems: string[];
}

export function journalPath(appDir: string): string {
  return join(appDir, JOURNAL_FILE);
}

export function commitMarkerPath(dir: string, run: string): string {
  return join(dir, `.kms-codemod-commit-${run}.json`);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashOfFile(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Writes a JSON file whole or not at all: a temp file, then a rename. */
export function saveJson(ops: FileOps, path: string, run: string, value: unknown): void {
  const tmp = `${path}.${run}.tmp`;
  try {
    ops.create(tmp, `${JSON.stringify(value, null, 2)}\n`, 0o644);
    ops.rename(tmp, path);
  } catch (err) {
    ops.remove(tmp);
    throw err;
  }
}

/** Whether an application directory holds the journal of an interrupted run. */
export function hasJournal(appDir: string): boolean {
  return existsSync(journalPath(appDir));
}

/**
 * Finishes or undoes an interrupted run in one application directory: the journal (if any), and
 * leftovers of the protocol that no journal refers to any more (half-written journals, a commit
 * marker whose journals are all gone).
 */
export function recoverDir(appDir: string, ops: FileOps = FS_OPS): Recovery | undefined {
  let names: string[];
  try {
    names = readdirSync(appDir);
  } catch {
    return undefined;
  }
  for (const n of names) if (STRAY.test(n)) ops.remove(join(appDir, n));
  const recovery = names.includes(JOURNAL_FILE) ? recoverJournal(journalPath(appDir), ops) : undefined;
  for (const n of names) if (MARKER.test(n)) removeMarkerIfDone(join(appDir, n), ops);
  return recovery;
}

/** Puts every file of the journal back to the run's decision: forward while the marker exists, else back. */
export function recoverJournal(path: string, ops: FileOps = FS_OPS): Recovery {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
    if (journal.tool !== 'kms-codemod' || !Array.isArray(journal.files)) throw new Error('not a journal');
  } catch (err) {
    return {
      journal: path,
      direction: 'back',
      files: [],
      problems: [
        `${path}: cannot read this journal (${(err as Error).message}); inspect it and remove it by hand`,
      ],
    };
  }
  const forward = existsSync(journal.commit);
  const problems: string[] = [];
  for (const entry of journal.files) {
    const problem = forward ? rollForward(entry, ops) : rollBack(entry, ops);
    if (problem) problems.push(problem);
  }
  if (problems.length === 0) {
    ops.remove(path);
    removeMarkerIfDone(journal.commit, ops);
  }
  return {
    journal: path,
    direction: forward ? 'forward' : 'back',
    files: journal.files.map((f) => f.file),
    problems,
  };
}

function rollForward(e: JournalEntry, ops: FileOps): string | undefined {
  const now = hashOfFile(e.path);
  if (existsSync(e.tmp)) {
    if (now !== e.before && now !== e.after)
      return `${e.file}: changed since the interrupted run; left as it is (the migrated version is in ${e.tmp})`;
    ops.rename(e.tmp, e.path);
  } else if (now !== e.after) {
    return `${e.file}: neither the migrated version nor its temp file ${e.tmp} is there; check the file`;
  }
  ops.remove(e.backup);
  return undefined;
}

function rollBack(e: JournalEntry, ops: FileOps): string | undefined {
  const now = hashOfFile(e.path);
  if (now !== e.before) {
    if (now !== e.after || !existsSync(e.backup))
      return `${e.file}: changed since the interrupted run; left as it is (the version before it is in ${e.backup})`;
    ops.rename(e.backup, e.path);
  }
  ops.remove(e.backup);
  ops.remove(e.tmp);
  return undefined;
}

/** A marker is removed once none of the journals of its run is left. */
function removeMarkerIfDone(marker: string, ops: FileOps): void {
  let journals: string[];
  try {
    journals = (JSON.parse(readFileSync(marker, 'utf8')) as { journals: string[] }).journals;
  } catch {
    return;
  }
  if (!journals.some((j) => existsSync(j))) ops.remove(marker);
}
