import { readdirSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { isManifest } from '../workspace/manifests.js';
import type { FolderConfig } from './folder-config.js';
import type { WorkspaceIndex } from './workspace-index.js';

/** One workspace folder: its config and its index. */
export interface FolderState {
  uri: string;
  name: string;
  /** Absolute path. */
  root: string;
  config: FolderConfig;
  /** Bumped whenever `config` is reloaded. */
  configGeneration: number;
  index: WorkspaceIndex;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/** The innermost folder holding `path` (multi-root workspaces can nest folders). */
export function folderOf(folders: Iterable<FolderState>, path: string): FolderState | undefined {
  let best: FolderState | undefined;
  for (const f of folders) {
    if (isInside(f.root, path) && (!best || f.root.length > best.root.length)) best = f;
  }
  return best;
}

/**
 * The application directory of a file outside every workspace folder: the nearest directory above it
 * with a build manifest (so its quick fix edits that manifest), else the file's own directory.
 */
export function looseAppRoot(path: string): string {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      if (readdirSync(dir).some(isManifest)) return dir;
    } catch {
      // unreadable: keep looking above
    }
    if (dirname(dir) === dir) return dirname(path);
  }
}
