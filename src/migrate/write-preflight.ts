import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeSource, encodesLosslessly } from '../workspace/source-encoding.js';
import { hasJournal } from './journal.js';
import type { FileChange } from './plan-migration.js';

/** One file `migrate --write` will replace, checked and with its new bytes ready. */
export interface WriteTarget {
  change: FileChange;
  /** The file replaced: the change's path, or the file its symbolic link points to. */
  real: string;
  /** Directory of the application: its journal goes there. */
  appDir: string;
  before: Buffer;
  after: Buffer;
  mode: number;
}

export interface Preflight {
  targets: WriteTarget[];
  /** Why a file cannot be written; any refusal means nothing is written. */
  refusals: { change: FileChange; message: string }[];
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** Checks one change; returns the target or why it cannot be written. */
function check(change: FileChange): WriteTarget | string {
  let real = change.path;
  try {
    // A symbolic link is written through to its target; the link itself stays a link.
    if (lstatSync(change.path).isSymbolicLink()) real = realpathSync(change.path);
  } catch (err) {
    return `cannot resolve it (${code(err)})`;
  }
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(real);
  } catch (err) {
    return `cannot stat it (${code(err)})`;
  }
  if (!st.isFile()) return 'not a regular file';
  if (st.nlink > 1)
    return `it has ${st.nlink} hard links, and replacing it would leave the other names with the old content; break the links or edit it by hand`;
  const before = encodeSource(change.before, change.encoding);
  let now: Buffer;
  try {
    now = readFileSync(real);
  } catch (err) {
    return `cannot read it (${code(err)})`;
  }
  if (!now.equals(before)) return 'it changed after migrate read it; run migrate again';
  if (!encodesLosslessly(change.after, change.encoding))
    return `the rewrite has characters that ${change.encoding} cannot hold`;
  try {
    accessSync(real, constants.W_OK);
  } catch (err) {
    return `not writable (${code(err)})`;
  }
  try {
    // The new content is written beside the file and renamed over it.
    accessSync(dirname(real), constants.W_OK | constants.X_OK);
  } catch (err) {
    return `its directory ${dirname(real)} is not writable (${code(err)})`;
  }
  const appDir = change.app ?? dirname(change.path);
  try {
    accessSync(appDir, constants.W_OK | constants.X_OK);
  } catch (err) {
    return `the application directory ${appDir}, where the write's journal goes, is not writable (${code(err)})`;
  }
  if (hasJournal(appDir))
    return `an interrupted run's journal is still in ${appDir}; run migrate --write again to finish it first`;
  return {
    change,
    real,
    appDir,
    before,
    after: encodeSource(change.after, change.encoding),
    mode: st.mode & 0o7777,
  };
}

/**
 * Everything that can be checked before the first write: each file resolves to a regular file, has
 * not changed since it was read, can be written in its encoding, and it, its directory and its
 * application directory are writable. Two changes of one file through different names are refused.
 */
export function preflightWrites(changes: readonly FileChange[]): Preflight {
  const out: Preflight = { targets: [], refusals: [] };
  const byReal = new Map<string, WriteTarget>();
  for (const change of changes) {
    const t = check(change);
    if (typeof t === 'string') {
      out.refusals.push({ change, message: t });
      continue;
    }
    const twin = byReal.get(t.real);
    if (twin) {
      if (!twin.after.equals(t.after))
        out.refusals.push({
          change,
          message: `it is the same file as ${twin.change.file}, with another change`,
        });
      continue;
    }
    byReal.set(t.real, t);
    out.targets.push(t);
  }
  return out;
}
