import { readFileSync } from 'node:fs';
import { FINGERPRINT_KEY, type Severity } from '../model/index.js';
import { type Baseline, type BaselineEntry, BaselineError } from './baseline.js';

const SARIF_LEVEL: Record<string, Severity> = {
  error: 'error',
  warning: 'warning',
  note: 'info',
  none: 'info',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Entries of a `--format json` report, or of a `--write-baseline` file (the same finding shape). */
function fromFindings(findings: unknown[]): BaselineEntry[] {
  return findings.filter(isObject).map((f) => {
    const range = isObject(f.range) && isObject(f.range.start) ? f.range.start : {};
    return {
      fingerprint: str(f.fingerprint),
      ruleId: str(f.ruleId),
      file: str(f.file),
      line: typeof f.line === 'number' ? f.line : typeof range.line === 'number' ? range.line : 0,
      severity: (str(f.severity) || 'info') as Severity,
      message: isObject(f.message) ? str(f.message.text) : str(f.message),
    };
  });
}

/** Entries of a SARIF log: our fingerprint from `partialFingerprints`; results that were absent then are skipped. */
function fromSarif(runs: unknown[]): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  for (const run of runs.filter(isObject)) {
    const results = Array.isArray(run.results) ? run.results.filter(isObject) : [];
    for (const r of results) {
      if (r.baselineState === 'absent') continue;
      const loc = Array.isArray(r.locations) && isObject(r.locations[0]) ? r.locations[0] : {};
      const phys = isObject(loc.physicalLocation) ? loc.physicalLocation : {};
      const artifact = isObject(phys.artifactLocation) ? phys.artifactLocation : {};
      const region = isObject(phys.region) ? phys.region : {};
      out.push({
        fingerprint: isObject(r.partialFingerprints) ? str(r.partialFingerprints[FINGERPRINT_KEY]) : '',
        ruleId: str(r.ruleId),
        file: decodeURIComponent(str(artifact.uri)),
        line: typeof region.startLine === 'number' ? region.startLine : 0,
        severity: SARIF_LEVEL[str(r.level)] ?? 'warning',
        message: isObject(r.message) ? str(r.message.text) : '',
      });
    }
  }
  return out;
}

/** A baseline from parsed JSON: a `--format json` report, a SARIF log, or a `--write-baseline` file. */
export function parseBaseline(data: unknown, source = 'the baseline'): Baseline {
  let entries: BaselineEntry[];
  if (isObject(data) && Array.isArray(data.runs)) entries = fromSarif(data.runs);
  else if (isObject(data) && Array.isArray(data.findings)) entries = fromFindings(data.findings);
  else
    throw new BaselineError(
      `${source}: not a kms-codemod report; give the output of an earlier \`scan --format json\` or \`--format sarif\`, or a file from --write-baseline`,
    );
  const missing = entries.filter((e) => !e.fingerprint).length;
  if (missing > 0)
    throw new BaselineError(
      `${source}: ${missing} of its ${entries.length} findings have no fingerprint (it was written by an older kms-codemod, or by another tool); write a new one with \`scan --write-baseline ${source}\``,
    );
  return { source, entries };
}

/** Reads a baseline file (see parseBaseline); every problem is a BaselineError that names the file. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BaselineError(
      `${path}: cannot read the baseline (${(err as NodeJS.ErrnoException).code ?? 'error'}); write one first with \`scan --write-baseline ${path}\``,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${path}: the baseline is not valid JSON (${(err as Error).message})`);
  }
  return parseBaseline(data, path);
}
