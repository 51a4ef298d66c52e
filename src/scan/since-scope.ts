import type { AppResult, FileFacts, Finding, SinceScope } from '../model/index.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import type { ChangedFiles } from '../workspace/changes.js';
import type { SourceEntry } from '../workspace/walk.js';

export interface Narrowed {
  findings: Finding[];
  apps: AppResult[];
  files: FileFacts[];
  since: SinceScope;
}

/**
 * What a `--since` scan reads: the files of the applications that hold a changed file, all of them (a
 * verdict is drawn from the whole application); other applications are not reported, so not read.
 */
export function inTouchedApps(
  changes: ChangedFiles,
  sources: SourceEntry[],
  manifests: readonly string[],
): SourceEntry[] {
  const appOf = appLocator(discoverApps(manifests));
  const touched = new Set(changes.files.map(appOf));
  return sources.filter((s) => touched.has(appOf(s.rel)));
}

/**
 * A `--since` scan's view of a whole scan: the findings in changed files, and the applications that
 * hold one, whose verdicts were drawn from all their files (a change can block an application through
 * a call in a file it did not touch, or unblock it).
 */
export function narrowToChanges(
  changes: ChangedFiles,
  all: { findings: Finding[]; apps: AppResult[]; files: FileFacts[] },
  appOf: (file: string) => string,
): Narrowed {
  const changed = new Set(changes.files);
  const apps = new Set(changes.files.map(appOf));
  return {
    findings: all.findings.filter((f) => changed.has(f.file)),
    apps: all.apps.filter((a) => apps.has(a.dir)),
    files: all.files.filter((f) => apps.has(appOf(f.file))),
    since: { ref: changes.ref, mergeBase: changes.mergeBase, files: changes.files },
  };
}
