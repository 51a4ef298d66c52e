/** Why a path was left out of a scan; every skip is reported in the summary, never silently dropped. */
export type SkipReason =
  | 'vendored'
  | 'too-large'
  | 'binary'
  | 'non-utf8'
  | 'unreadable'
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
