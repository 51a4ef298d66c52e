import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Language, languageOfPath } from '../model/index.js';
import { IgnoreStack } from './ignore-stack.js';
import { isManifest } from './manifests.js';
import type { Skip } from './skips.js';

const VENDORED = new Set(['vendor', 'node_modules', 'third_party']);
/** Never sources of the user's application. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

export interface WalkOptions {
  /** Scan root: reported paths are relative to it. */
  root: string;
  /** Files or directories to walk (absolute, or relative to the process cwd); defaults to the root. */
  paths?: string[];
  ignore?: readonly string[];
  includeVendored?: boolean;
  /** Called for each source file as it is found, with the number found so far. */
  onSource?: (entry: SourceEntry, count: number) => void;
  /** Called for each directory the walk lists (the fact cache reuses a walk while none of them changed). */
  onDir?: (abs: string, rel: string) => void;
}

export interface SourceEntry {
  abs: string;
  rel: string;
  language: Language;
}

export interface WalkResult {
  sources: SourceEntry[];
  /** Repository-relative paths of build manifests (for application discovery). */
  manifests: string[];
  skipped: Skip[];
  /** Paths left out by .gitignore or user globs (counted, not listed). */
  ignoredCount: number;
}

export function toRel(root: string, abs: string): string {
  const r = relative(root, abs);
  return r === '' ? '.' : r.split(sep).join('/');
}

/**
 * Walks the given paths: .gitignore at every level, user globs, vendored folders, symlink loops. It
 * never stats a plain file: the size limit is checked on the open file by the reader (one stat
 * fewer per file, most of the walk's cost on a large tree).
 */
export function walk(opts: WalkOptions): WalkResult {
  const result: WalkResult = { sources: [], manifests: [], skipped: [], ignoredCount: 0 };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const rootStack = new IgnoreStack(opts.ignore ?? []);

  const onFile = (abs: string, rel: string): void => {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (isManifest(name)) result.manifests.push(rel);
    const language = languageOfPath(name);
    if (!language) return;
    const entry = { abs, rel, language };
    result.sources.push(entry);
    opts.onSource?.(entry, result.sources.length);
  };

  const visitDir = (abs: string, rel: string, stack: IgnoreStack): void => {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      result.skipped.push({
        file: rel,
        reason: 'unreadable',
        detail: 'cannot resolve this directory; check that it exists',
      });
      return;
    }
    if (seenDirs.has(real)) {
      result.skipped.push({
        file: rel,
        reason: 'symlink-loop',
        detail: `already walked as ${real}; not followed again`,
      });
      return;
    }
    seenDirs.add(real);
    opts.onDir?.(abs, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      result.skipped.push({
        file: rel,
        reason: 'unreadable',
        detail: `cannot list this directory (${code})`,
      });
      return;
    }
    const here = stack.enter(abs, rel === '.' ? '' : rel);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childAbs = join(abs, e.name);
      const childRel = rel === '.' ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          result.skipped.push({
            file: childRel,
            reason: 'broken-link',
            detail: 'broken or looping symbolic link; not followed',
          });
          continue;
        }
      }
      if (isDir) {
        if (ALWAYS_SKIPPED.has(e.name)) continue;
        if (here.ignores(childRel, true)) {
          result.ignoredCount++;
          continue;
        }
        if (!opts.includeVendored && VENDORED.has(e.name)) {
          result.skipped.push({
            file: childRel,
            reason: 'vendored',
            detail: 'vendored code; scan it with --include-vendored',
          });
          continue;
        }
        visitDir(childAbs, childRel, here);
      } else if (isFile) {
        if (here.ignores(childRel, false)) {
          result.ignoredCount++;
          continue;
        }
        const real = e.isSymbolicLink() ? safeRealpath(childAbs) : childAbs;
        if (seenFiles.has(real)) continue;
        seenFiles.add(real);
        onFile(childAbs, childRel);
      }
    }
  };

  const starts = opts.paths?.length ? opts.paths : [opts.root];
  for (const p of starts) {
    const abs = p;
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      result.skipped.push({
        file: toRel(opts.root, abs),
        reason: 'unreadable',
        detail: 'no such file or directory',
      });
      continue;
    }
    const rel = toRel(opts.root, abs);
    const stack = ancestorsStack(opts.root, rel, rootStack);
    if (st.isDirectory()) visitDir(abs, rel, stack);
    else if (st.isFile() && !stack.ignores(rel, false)) onFile(abs, rel);
  }
  return result;
}

/** A path inside the root still obeys the .gitignore files of the directories above it. */
function ancestorsStack(root: string, rel: string, base: IgnoreStack): IgnoreStack {
  if (rel === '.' || rel.startsWith('..')) return base;
  let stack = base;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const dirRel = parts.slice(0, i).join('/');
    stack = stack.enter(join(root, dirRel), dirRel);
  }
  return stack;
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
