import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../model/index.js';
import type { WalkResult } from '../workspace/walk.js';

/**
 * A walk's result with what it depended on: every directory it listed (a directory's ctime moves
 * whenever an entry is added, removed or renamed in it, or its permissions change) and the .gitignore
 * in each. While none of them moved, the same walk would find the same files, so a warm scan skips it
 * (the walk and its ignore matching are most of a warm scan's time). A file edited in place moves no
 * directory; the per-file entries catch that.
 */
export interface WalkSnapshot {
  /** The walk's parameters (paths, globs, vendored): another set means another walk. */
  key: string;
  /** Directory (relative to the root), its ctime and mtime, and its .gitignore's stamp ('' when none). */
  dirs: [string, number, number, string][];
  sources: [string, Language][];
  manifests: string[];
  skipped: WalkResult['skipped'];
  ignoredCount: number;
}

/** Modified this close to the snapshot, a directory may have changed again within the same tick. */
const RACY_MS = 2000;

function gitignoreStamp(dirAbs: string): string {
  const st = statSync(join(dirAbs, '.gitignore'), { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}` : '';
}

/** Records a walk that just ran, from the directories it reported through `onDir`. */
export function snapshotWalk(key: string, dirs: readonly { abs: string; rel: string }[], walked: WalkResult) {
  const stamps: WalkSnapshot['dirs'] = [];
  for (const d of dirs) {
    const st = statSync(d.abs, { throwIfNoEntry: false });
    if (!st) return undefined;
    stamps.push([d.rel, st.ctimeMs, st.mtimeMs, gitignoreStamp(d.abs)]);
  }
  const snapshot: WalkSnapshot = {
    key,
    dirs: stamps,
    sources: walked.sources.map((s) => [s.rel, s.language]),
    manifests: walked.manifests,
    skipped: walked.skipped,
    ignoredCount: walked.ignoredCount,
  };
  return snapshot;
}

/** The recorded walk, when its parameters are the same and none of its directories moved since. */
export function reuseWalk(
  root: string,
  snapshot: WalkSnapshot | undefined,
  key: string,
  written: number,
): WalkResult | undefined {
  if (!snapshot || snapshot.key !== key) return undefined;
  for (const [rel, ctime, mtime, ignore] of snapshot.dirs) {
    if (ctime >= written - RACY_MS) return undefined;
    const abs = join(root, rel);
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st || st.ctimeMs !== ctime || st.mtimeMs !== mtime || gitignoreStamp(abs) !== ignore)
      return undefined;
  }
  return {
    sources: snapshot.sources.map(([rel, language]) => ({ abs: join(root, rel), rel, language })),
    manifests: snapshot.manifests,
    skipped: snapshot.skipped,
    ignoredCount: snapshot.ignoredCount,
  };
}
