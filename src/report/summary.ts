import type { ScanResult, Severity } from '../model/index.js';

export interface ReportSummary {
  files: number;
  parsed: number;
  bytes: number;
  findings: Record<Severity, number> & { total: number };
  apps: {
    ready: number;
    blocked: number;
    noCodeChange: number;
    incomplete: number;
    nothingToMigrate: number;
  };
  skipped: Record<string, number>;
  parseErrors: number;
  durationMs: number;
}

export interface ToolInfo {
  name: string;
  version: string;
}

export function summarize(result: ScanResult): ReportSummary {
  const findings = { error: 0, warning: 0, info: 0, total: result.findings.length };
  for (const f of result.findings) findings[f.severity]++;
  const apps = { ready: 0, blocked: 0, noCodeChange: 0, incomplete: 0, nothingToMigrate: 0 };
  for (const a of result.apps) {
    if (a.verdict === 'ready') apps.ready++;
    else if (a.verdict === 'blocked') apps.blocked++;
    else if (a.verdict === 'no code change') apps.noCodeChange++;
    else if (a.verdict === 'incomplete') apps.incomplete++;
    else apps.nothingToMigrate++;
  }
  const skipped: Record<string, number> = {};
  for (const s of result.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  return {
    files: result.stats.files,
    parsed: result.stats.parsed,
    bytes: result.stats.bytes,
    findings,
    apps,
    skipped,
    parseErrors: result.parseErrors.length,
    durationMs: result.stats.durationMs,
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
