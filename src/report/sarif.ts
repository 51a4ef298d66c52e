import { pathToFileURL } from 'node:url';
import {
  type BaselineEntry,
  FINGERPRINT_KEY,
  type Finding,
  type ScanResult,
  type Severity,
  type TextEdit,
} from '../model/index.js';
import { RULES } from '../rules/index.js';
import type { ToolInfo } from './summary.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
const REPO_URL = 'https://www.npmjs.com/package/kms-codemod';

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function artifactChange(change: { file: string; edits: readonly TextEdit[] }) {
  return {
    artifactLocation: { uri: encodePath(change.file), uriBaseId: 'ROOT' },
    replacements: change.edits.map((e) => ({
      deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
      insertedContent: { text: e.text },
    })),
  };
}

function result(f: Finding, ruleIndex: number) {
  const uri = encodePath(f.file);
  const r: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: 'ROOT' },
          region: {
            startLine: f.range.start.line,
            startColumn: f.range.start.column,
            endLine: f.range.end.line,
            endColumn: f.range.end.column,
            charOffset: f.range.startOffset,
            charLength: f.range.endOffset - f.range.startOffset,
          },
        },
      },
    ],
  };
  if (f.fingerprint) r.partialFingerprints = { [FINGERPRINT_KEY]: f.fingerprint };
  if (f.baselineState) r.baselineState = f.baselineState;
  if (f.suppressed)
    r.suppressions = [
      { kind: 'inSource', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) },
    ];
  if (f.app !== undefined || f.data)
    r.properties = { ...(f.app !== undefined ? { app: f.app } : {}), ...(f.data ?? {}) };
  if (f.fix) {
    const changes = [{ file: f.file, edits: f.fix.edits }, ...(f.fix.otherFiles ?? [])].filter(
      (c) => c.edits.length > 0,
    );
    // A fix whose edits live in another finding's fix has no replacement of its own, and SARIF wants
    // at least one per change: its description goes into the result's properties instead.
    if (changes.length === 0) r.properties = { ...((r.properties as object) ?? {}), fixNote: f.fix.title };
    else r.fixes = [{ description: { text: f.fix.title }, artifactChanges: changes.map(artifactChange) }];
  }
  return r;
}

/** A baseline's finding that this scan no longer reports: a result with `baselineState: absent`. */
function absentResult(e: BaselineEntry, ruleIndex: number) {
  return {
    ruleId: e.ruleId,
    ruleIndex,
    level: LEVEL[e.severity] ?? 'warning',
    message: { text: e.message || `${e.ruleId} (no longer found)` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(e.file), uriBaseId: 'ROOT' },
          ...(e.line > 0 ? { region: { startLine: e.line } } : {}),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: e.fingerprint },
    baselineState: 'absent',
  };
}

/** SARIF 2.1.0: rule metadata from each rule, findings with regions (UTF-16 columns), fixes as replacements. */
export function sarifReport(scanResult: ScanResult, tool: ToolInfo): string {
  const ids = RULES.map((r) => r.meta.id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: REPO_URL,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.meta.title },
              fullDescription: { text: r.meta.description },
              help: {
                text: `${r.meta.description} See src/rules/${r.meta.id}/README.md in the kms-codemod package.`,
              },
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: pathToFileURL(`${scanResult.root.replace(/\/$/, '')}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: [
          ...scanResult.findings.map((f) => result(f, ids.indexOf(f.ruleId))),
          ...(scanResult.baseline?.absent ?? []).map((e) => absentResult(e, ids.indexOf(e.ruleId))),
        ],
        // The verdict per application, which SARIF has no place for: viewers show run properties as they are.
        properties: {
          applications: scanResult.apps.map((a) => ({ dir: a.dir, verdict: a.verdict, reasons: a.reasons })),
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: scanResult.skipped.map((s) => ({
              level: 'note',
              message: { text: `skipped (${s.reason}): ${s.detail}` },
              locations: [
                { physicalLocation: { artifactLocation: { uri: encodePath(s.file), uriBaseId: 'ROOT' } } },
              ],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
