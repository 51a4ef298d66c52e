import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigSetting } from '../config/resolve-config.js';
import { attachFixes } from '../migrate/scan-fixes.js';
import type { AppResult, ScanResult } from '../model/index.js';
import { encodingsOf, type TextOf, textsUnder } from '../report/rdjsonl.js';
import { type ScanProgress, scan } from '../scan/index.js';
import { appLocator } from '../workspace/apps.js';
import { DiffIndex } from './diff-index.js';
import { type Fingerprinted, fingerprinted } from './fingerprint.js';
import { type PrDiff, prDiff, ReviewGitError } from './pr-diff.js';

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
  onProgress?: (p: ScanProgress) => void;
}

/** Everything a reporter needs: the PR's diff, the scan of its applications, and the head's texts. */
export interface PreparedReview {
  git: PrDiff;
  diff: DiffIndex;
  dirty: Set<string>;
  /** Findings with fixes and fingerprints; paths are repository-relative. */
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

/**
 * The diff from the local clone, then one scan of the repository (paths relative to its top, as
 * GitHub names them), with the fixes `migrate` would make and a fingerprint per finding. No analysis
 * of its own: what a finding is, and its fix, come from the same library `scan` and `migrate` use.
 */
export async function prepareReview(o: PrepareOptions): Promise<PreparedReview> {
  const cwd = resolve(o.cwd ?? process.cwd());
  const top = gitTop(cwd);
  const git = prDiff(top, o.base);
  const scanned = await scan({
    root: top,
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
    findings: fingerprinted(result.findings, textOf),
    apps: result.apps.filter((a) => touched.has(a.dir)),
    result,
    textOf,
    encodings,
  };
}
