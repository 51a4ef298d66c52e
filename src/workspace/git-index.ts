import { gitOutput as git } from './git-output.js';

/**
 * What git's index says of the files under a directory: the blob id of each tracked file whose work-tree
 * bytes are that blob's, byte for byte. Read-only (no command here writes the index).
 */
export interface GitClean {
  /** Path relative to the directory asked about, with `/` → blob id (40 or 64 hex digits). */
  blobs: Map<string, string>;
}

/** Attributes under which the work-tree bytes of a file may differ from its blob (line endings, filters). */
const CONVERTING = new Set(['text', 'eol', 'crlf', 'filter', 'ident', 'working-tree-encoding']);

/** A file blob (not a symbolic link's target, not a submodule). */
const FILE_MODES = new Set(['100644', '100755']);

/**
 * Tracked files under `dir` that git reports unchanged in the work tree: in the index at stage 0 as a
 * plain file, not marked assume-unchanged or skip-worktree (git would not look at those), not listed
 * by `git diff-files` (which compares each file's stat data with the index's and, when that cannot
 * decide, its content), and with no attribute or setting that converts bytes between the blob and the
 * work tree (so the file's bytes are the blob's). Undefined outside a git work tree, or when git is
 * missing or any of its commands fails: the caller then trusts nothing.
 */
export async function gitCleanFiles(dir: string): Promise<GitClean | undefined> {
  const [listing, modified, autocrlf] = await Promise.all([
    // Tag (H: cached, lowercase: assume-unchanged, S: skip-worktree), mode, blob, stage, path.
    git(dir, ['ls-files', '--stage', '-v', '-z']),
    gitModifiedFiles(dir),
    git(dir, ['config', '--get', 'core.autocrlf']).then((v) => v ?? 'unset'),
  ]);
  if (listing === undefined || modified === undefined) return undefined;
  // autocrlf true or input converts line endings of every file git takes for text.
  const crlf = autocrlf.trim().toLowerCase();
  if (crlf !== 'unset' && crlf !== 'false') return undefined;
  const blobs = new Map<string, string>();
  // `H 100644 <blob> 0\t<path>\0`: fixed fields before the tab (a blob id is 40 or 64 digits).
  for (let at = 0; at < listing.length; ) {
    const end = listing.indexOf('\0', at);
    const stop = end < 0 ? listing.length : end;
    const tab = listing.indexOf('\t', at);
    if (
      tab > at &&
      tab < stop &&
      listing[at] === 'H' &&
      listing[tab - 1] === '0' &&
      FILE_MODES.has(listing.slice(at + 2, at + 8))
    ) {
      const path = listing.slice(tab + 1, stop);
      if (!modified.has(path)) blobs.set(path, listing.slice(at + 9, tab - 2));
    }
    at = stop + 1;
  }
  if (blobs.size === 0) return { blobs };
  const attrs = await git(dir, ['check-attr', '--stdin', '-z', '--all'], `${[...blobs.keys()].join('\0')}\0`);
  if (attrs === undefined) return undefined;
  const fields = attrs.split('\0');
  for (let i = 0; i + 2 < fields.length; i += 3) if (CONVERTING.has(fields[i + 1])) blobs.delete(fields[i]);
  return { blobs };
}

/**
 * Files under `dir` whose work-tree state differs from the index (modified, deleted, or not decidable
 * from their stat data), relative to `dir`; undefined when git fails.
 */
export async function gitModifiedFiles(dir: string): Promise<Set<string> | undefined> {
  const out = await git(dir, ['diff-files', '--name-only', '-z', '--relative']);
  return out === undefined ? undefined : new Set(out.split('\0').filter(Boolean));
}
