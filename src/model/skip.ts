/** Why a path was left out of a scan; every skip is reported in the summary, never silently dropped. */
export type SkipReason =
  | 'vendored'
  | 'too-large'
  | 'binary'
  | 'non-utf8'
  | 'unreadable'
  | 'broken-link'
  | 'symlink-loop'
  | 'no-parser'
  | 'extract-failed';

export interface Skip {
  /** Repository-relative path, `/` separators. */
  file: string;
  reason: SkipReason;
  /** What happened and what the user can do, never file contents. */
  detail: string;
}

/**
 * Skips that leave an application's verdict unknown: the file may hold KMS code nobody saw, so the
 * application is `incomplete`, never clean. A file that could not be read, decoded or analysed, or
 * that is over the size limit (its content was never checked for an SDK), counts. Vendored code, a
 * directory already walked through a symbolic link, a broken link (there is no file), a file with NUL
 * bytes that names no SDK, and a language we do not analyse do not.
 */
export function leavesAppIncomplete(skip: Skip): boolean {
  return INCOMPLETE.has(skip.reason);
}

const INCOMPLETE = new Set<SkipReason>(['too-large', 'non-utf8', 'unreadable', 'extract-failed']);
