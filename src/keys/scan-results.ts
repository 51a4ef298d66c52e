import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppInput } from './plan-types.js';
import { SCAN_FORMAT_VERSION, type ScanExport } from './scan-export.js';

/** A scan result that cannot go into a plan: which file, why, and what to run instead. */
export class ScanResultError extends Error {
  override name = 'UsageError';
}

export interface ReadScans {
  apps: AppInput[];
  /** One per repository: its name, commit and the file it came from. */
  repos: { name: string; commit: string | null; file: string }[];
  notes: string[];
}

interface Candidate {
  file: string;
  /** Named on the command line (an error when it is not a scan result), or found in a directory. */
  named: boolean;
}

function jsonFiles(dir: string, out: Candidate[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.json')) out.push({ file: p, named: false });
  }
}

const UPGRADE =
  'run `kms-codemod scan --format json -o FILE` again in that repository with this version of kms-codemod (the Action does it with upload-scan: true)';

type Parsed = { tool?: { name?: string; version?: string }; findings?: unknown } & Partial<ScanExport>;

/** One file's result, checked: ours, a format this version reads, the whole repository. */
function check(c: Candidate, shown: string): { data: ScanExport; version: string } | { skip: string } {
  let data: Parsed;
  try {
    data = JSON.parse(readFileSync(c.file, 'utf8')) as Parsed;
  } catch (err) {
    if (!c.named) return { skip: `${shown}: not JSON, skipped` };
    throw new ScanResultError(
      `${shown}: not a JSON file (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (data?.tool?.name !== 'kms-codemod' || !Array.isArray(data.findings)) {
    if (!c.named) return { skip: `${shown}: not a kms-codemod scan result, skipped` };
    throw new ScanResultError(
      `${shown}: not a kms-codemod scan result (expected the output of \`kms-codemod scan --format json\`)`,
    );
  }
  const version = data.tool.version ?? 'unknown';
  if (data.formatVersion === undefined)
    throw new ScanResultError(
      `${shown}: written by kms-codemod ${version}, which records neither the repository nor the key references a plan needs; a plan without them would miss every key its applications use, so none is made. To upgrade it, ${UPGRADE}`,
    );
  if (data.formatVersion > SCAN_FORMAT_VERSION)
    throw new ScanResultError(
      `${shown}: written by kms-codemod ${version} in result format ${data.formatVersion}, newer than this kms-codemod reads (${SCAN_FORMAT_VERSION}); upgrade kms-codemod here`,
    );
  if (data.formatVersion !== SCAN_FORMAT_VERSION || !data.repository?.name || !data.plan || !data.scope)
    throw new ScanResultError(
      `${shown}: result format ${data.formatVersion} is incomplete (no repository, scope or plan section); ${UPGRADE}`,
    );
  if (data.scope.since)
    throw new ScanResultError(
      `${shown}: a scan of the changes since ${data.scope.since} only, so it lacks the applications nobody touched; scan the whole repository for the plan`,
    );
  return { data: data as ScanExport, version };
}

/**
 * Reads the scan results of many repositories (files, or directories searched for `*.json`, as a
 * CI system's artifacts download), and gives plan their applications. Refuses, naming the file, a
 * result from an older kms-codemod, a diff-only scan, and two results for one repository.
 */
export function readScanResults(paths: readonly string[], cwd = process.cwd()): ReadScans {
  const candidates: Candidate[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) jsonFiles(p, candidates);
    else candidates.push({ file: p, named: true });
  }
  const out: ReadScans = { apps: [], repos: [], notes: [] };
  const byName = new Map<string, { commit: string | null; file: string }>();
  for (const c of candidates) {
    const shown = relative(cwd, c.file) || c.file;
    const r = check(c, shown);
    if ('skip' in r) {
      out.notes.push(r.skip);
      continue;
    }
    const { repository, plan, scope } = r.data;
    const seen = byName.get(repository.name);
    if (seen)
      throw new ScanResultError(
        `two scan results for ${repository.name}: ${seen.file} (commit ${seen.commit ?? 'none'}) and ${shown} (commit ${repository.commit ?? 'none'}); keep one`,
      );
    byName.set(repository.name, { commit: repository.commit, file: shown });
    out.repos.push({ name: repository.name, commit: repository.commit, file: shown });
    out.apps.push(...plan.apps.map((a) => ({ ...a, repo: repository.name })));
    out.notes.push(...plan.notes);
    if (repository.dirty)
      out.notes.push(`${repository.name}: scanned with uncommitted changes on top of ${repository.commit}`);
    if (scope.paths.length > 0 && !scope.paths.includes('.'))
      out.notes.push(`${repository.name}: the scan covered only ${scope.paths.join(', ')}`);
  }
  if (out.repos.length === 0)
    throw new ScanResultError(
      `no kms-codemod scan result in ${paths.join(', ')} (expected files from \`kms-codemod scan --format json\`)`,
    );
  return out;
}
