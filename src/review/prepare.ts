import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigSetting } from '../config/resolve-config.js';
import { attachFixes } from '../migrate/scan-fixes.js';
import { type AppResult, activeFindings, type Finding, type ScanResult } from '../model/index.js';
import { encodingsOf, type TextOf, textsUnder } from '../report/rdjsonl.js';
import { type ScanOptions, type ScanProgress, scan } from '../scan/index.js';
import { appLocator } from '../workspace/apps.js';
import { DiffIndex } from './diff-index.js';
import type { FilterMode } from './filter.js';
import { type PrDiff, prDiff, ReviewGitError } from './pr-diff.js';
import type { Fingerprinted } from './review-plan.js';

export interface PrepareOptions {
  /** The pull request's base: a branch or commit (`origin/main`); the diff starts at its merge base with HEAD. */
  base: string;
  /** Files or directories to review (default: the whole repository). */
  paths?: string[];
  /** Where the repository is (default: the working directory). */
  cwd?: string;
  config?: ConfigSetting;
  ignore?: string[];
  includeVendored?: boolean;
  maxFileSize?: number;
  /** Source files that are not UTF-8: `auto` (detect; default) or an encoding name, as for `scan`. */
  encoding?: string;
  /** An earlier report or baseline file: the findings it holds are accepted, not commented. */
  baseline?: string;
  /** The fact cache (`scan`'s option). */
  cache?: ScanOptions['cache'];
  /** `nofilter` needs the whole repository; every other mode only the applications the pull request touches. */
  mode?: FilterMode;
  onProgress?: (p: ScanProgress) => void;
}

/** Everything a reporter needs: the PR's diff, the scan of its applications, and the head's texts. */
export interface PreparedReview {
  git: PrDiff;
  diff: DiffIndex;
  dirty: Set<string>;
  /**
   * The findings that count (no inline comment silences them, no baseline accepts them), with fixes
   * and fingerprints; paths are repository-relative.
   */
  findings: Fingerprinted[];
  /** The applications that hold a file the pull request changes. */
  apps: AppResult[];
  result: ScanResult;
  textOf: TextOf;
  /** The encoding of each changed or scanned file that is not UTF-8. */
  encodings: ReadonlyMap<string, string>;
}

function gitTop(cwd: string): string {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (r.status !== 0)
    throw new ReviewGitError(
      `${cwd} is not in a git repository: review compares the pull request's commits, so run it in a clone`,
    );
  return realpathSync(r.stdout.trim());
}

function fingerprinted(findings: readonly Finding[]): Fingerprinted[] {
  for (const f of findings)
    if (!f.fingerprint)
      throw new Error(`internal error: scan left ${f.ruleId} in ${f.file} without a fingerprint`);
  return findings as Fingerprinted[];
}

/**
 * The diff from the local clone, then one scan of the applications the pull request touches (paths
 * relative to the repository's top, as GitHub names them), with the fixes `migrate` would make and a fingerprint per finding. No analysis
 * of its own: what a finding is, and its fix, come from the same library `scan` and `migrate` use.
 */
export async function prepareReview(o: PrepareOptions): Promise<PreparedReview> {
  const cwd = resolve(o.cwd ?? process.cwd());
  const top = gitTop(cwd);
  const git = await prDiff(top, o.base);
  const scanned = await scan({
    root: top,
    // What `scan --since` reads: the applications that hold a changed file, judged whole.
    since: o.mode === 'nofilter' ? undefined : o.base,
    baseline: o.baseline,
    cache: o.cache,
    paths: o.paths?.length ? o.paths.map((p) => realpathSync(resolve(cwd, p))) : undefined,
    config: o.config,
    ignore: o.ignore,
    includeVendored: o.includeVendored,
    maxFileSize: o.maxFileSize,
    encoding: o.encoding,
    onProgress: o.onProgress,
  });
  const result = attachFixes(scanned);
  const encodings = encodingsOf(result);
  const textOf = textsUnder(top, encodings);
  const diff = new DiffIndex(git.diff);
  const locate = appLocator(result.apps.map((a) => ({ dir: a.dir, manifests: a.manifests })));
  const touched = new Set(diff.paths().map(locate));
  return {
    git,
    diff,
    dirty: new Set(git.dirty),
    findings: fingerprinted(activeFindings(result.findings)),
    apps: result.apps.filter((a) => touched.has(a.dir)),
    result,
    textOf,
    encodings,
  };
}
