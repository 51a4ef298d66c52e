import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Language, languageOfPath } from '../model/index.js';
import type { SourceEntry, WalkResult } from '../workspace/walk.js';

/**
 * A walk's result with what it depended on: every directory it listed (a directory's ctime moves
 * whenever an entry is added, removed or renamed in it, or its permissions change) and the .gitignore
 * in each. While none of them moved, the same walk would find the same files, so a warm scan skips it
 * (the walk and its ignore matching are most of a warm scan's time). A file edited in place moves no
 * directory; the per-file entries catch that.
 */
export interface WalkSnapshot {
  /** The walk's parameters (globs, vendored): another set means another walk. */
  key: string;
  /**
   * Each directory in the order the walk listed it: its path relative to the root, ctime, mtime, its
   * .gitignore's stamp ('' when none), and its source files and subdirectories (`/name`) in walk order.
   */
  dirs: [string, number, number, string, string[]][];
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

function parentAndName(rel: string): [string, string] {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? ['.', rel] : [rel.slice(0, slash), rel.slice(slash + 1)];
}

/** Records a walk as it runs (its `onDir` and `onSource`), to snapshot it when it is over. */
export class WalkRecorder {
  private readonly dirs = new Map<string, { abs: string; children: string[] }>();

  onDir(abs: string, rel: string): void {
    this.dirs.set(rel, { abs, children: [] });
    if (rel === '.') return;
    const [parent, name] = parentAndName(rel);
    this.dirs.get(parent)?.children.push(`/${name}`);
  }

  onSource(rel: string): void {
    const [parent, name] = parentAndName(rel);
    this.dirs.get(parent)?.children.push(name);
  }

  snapshot(key: string, walked: WalkResult): WalkSnapshot | undefined {
    const dirs: WalkSnapshot['dirs'] = [];
    for (const [rel, d] of this.dirs) {
      const st = statSync(d.abs, { throwIfNoEntry: false });
      if (!st) return undefined;
      dirs.push([rel, st.ctimeMs, st.mtimeMs, gitignoreStamp(d.abs), d.children]);
    }
    return {
      key,
      dirs,
      manifests: walked.manifests,
      skipped: walked.skipped,
      ignoredCount: walked.ignoredCount,
    };
  }
}

/** The recorded walk, when its parameters are the same and none of its directories moved since. */
export function reuseWalk(
  root: string,
  snapshot: WalkSnapshot | undefined,
  key: string,
  written: number,
): WalkResult | undefined {
  if (!snapshot || snapshot.key !== key || snapshot.dirs[0]?.[0] !== '.') return undefined;
  const base = root.endsWith('/') ? root : `${root}/`;
  const byRel = new Map<string, string[]>();
  for (const [rel, ctime, mtime, ignore, children] of snapshot.dirs) {
    if (ctime >= written - RACY_MS) return undefined;
    const abs = rel === '.' ? root : base + rel;
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st || st.ctimeMs !== ctime || st.mtimeMs !== mtime || gitignoreStamp(abs) !== ignore)
      return undefined;
    byRel.set(rel, children);
  }
  // The walk's own order: depth first, each directory's entries by name.
  const sources: SourceEntry[] = [];
  const visit = (rel: string): void => {
    const prefix = rel === '.' ? '' : `${rel}/`;
    for (const child of byRel.get(rel) ?? []) {
      if (child.startsWith('/')) visit(prefix + child.slice(1));
      else {
        const path = prefix + child;
        sources.push({ abs: base + path, rel: path, language: languageOfPath(child) as Language });
      }
    }
  };
  visit('.');
  return {
    sources,
    manifests: snapshot.manifests,
    skipped: snapshot.skipped,
    ignoredCount: snapshot.ignoredCount,
  };
}
