import type { TextEdit } from '../model/edit.js';
import type { ClientSite, FileFacts } from '../model/facts.js';
import type { Finding, Fix } from '../model/finding.js';
import type { ScanResult } from '../scan/index.js';
import { toRel } from '../workspace/walk.js';
import { migrateText } from './migrate-text.js';
import { type FileChange, type PlanOptions, planMigrationFrom, rewriteOptions } from './plan-migration.js';
import { CLIENT_RULE, type FileTarget, planFromScan } from './scan-plan.js';

/** Blocked applications never get a fix, so `force` is not an option here. */
export type FixOptions = Omit<PlanOptions, 'force'>;

const editKey = (e: TextEdit) => `${e.start}:${e.end}:${e.text}`;

/**
 * One fix per client when the file's edits split cleanly: rewriting each client alone gives edit sets
 * that do not share an edit and together are exactly the whole file's edits. Otherwise (a shared
 * import, a Go type change across the file) applying one client's edits and then another's would
 * apply the shared edit twice, so the split is refused and the caller keeps the file's edits whole.
 */
function splitPerClient(
  change: FileChange,
  target: FileTarget,
  sites: readonly ClientSite[],
  options: FixOptions,
): TextEdit[][] | undefined {
  const whole = new Set(change.edits.map(editKey));
  const seen = new Set<string>();
  const parts: TextEdit[][] = [];
  for (const site of sites) {
    const alone = migrateText(change.file, change.before, {
      ...rewriteOptions(target, options),
      clients: [site],
    });
    if (alone.edits.length === 0) return undefined;
    for (const e of alone.edits) {
      const key = editKey(e);
      if (seen.has(key) || !whole.has(key)) return undefined;
      seen.add(key);
    }
    parts.push(alone.edits);
  }
  return seen.size === whole.size ? parts : undefined;
}

/** The literal text of the file's hard-coded credentials (quotes dropped), to keep them out of fixes. */
function credentialTexts(facts: FileFacts | undefined, text: string): string[] {
  return (facts?.credentials ?? [])
    .map((c) =>
      text
        .slice(c.range.startOffset, c.range.endOffset)
        .replace(/^[`'"]+|[`'"]+$/g, '')
        .trim(),
    )
    .filter((t) => t.length >= 4);
}

function carriesSecret(edits: readonly TextEdit[], secrets: readonly string[]): boolean {
  return edits.some((e) => secrets.some((s) => e.text.includes(s)));
}

/**
 * Attaches to a scan's `legacy-kms-client` findings the fixes `migrate` would apply, computed from this
 * same scan (no second scan). Returns a new result; the input is left as it was. Fix paths are relative
 * to `result.root`, like `Finding.file`. Blocked applications get no fix, as migrate does not rewrite
 * them without --force.
 */
export function attachFixes(result: ScanResult, options: FixOptions = {}): ScanResult {
  const drawn = planFromScan(result, false);
  const plan = planMigrationFrom(drawn, options);
  const rel = (abs: string) => toRel(result.root, abs);
  const targets = new Map(drawn.files.map((t) => [t.path, t]));
  const factsByFile = new Map(result.files.map((f) => [f.file, f]));

  const findings = result.findings.map((f) => ({ ...f }));
  const clientFindings = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ruleId !== CLIENT_RULE) continue;
    const list = clientFindings.get(f.file) ?? [];
    list.push(f);
    clientFindings.set(f.file, list);
  }

  /** Changes no client finding of their own file carries: manifests, Go files whose types follow. */
  const extrasByApp = new Map<string, FileChange[]>();
  for (const change of plan.changes) {
    const file = rel(change.path);
    const target = targets.get(change.path);
    const own = target
      ? (clientFindings.get(file) ?? [])
          .map((f) => ({
            finding: f,
            site: target.clients.find(
              (c) => c.range.startOffset === f.range.startOffset && c.range.endOffset === f.range.endOffset,
            ),
          }))
          .filter((m): m is { finding: Finding; site: ClientSite } => m.site !== undefined)
          .sort((a, b) => a.finding.range.startOffset - b.finding.range.startOffset)
      : [];
    if (change.kind !== 'source' || !target || own.length === 0) {
      if (change.app) extrasByApp.set(change.app, [...(extrasByApp.get(change.app) ?? []), change]);
      continue;
    }
    if (carriesSecret(change.edits, credentialTexts(factsByFile.get(file), change.before))) continue;
    const parts =
      own.length > 1
        ? splitPerClient(
            change,
            target,
            own.map((m) => m.site),
            options,
          )
        : [change.edits];
    if (parts) {
      own.forEach((m, i) => {
        m.finding.fix = {
          title: `Replace \`${m.site.constructorName}\` with the transfer client (as \`kms-codemod migrate\` does)`,
          edits: parts[i],
        };
      });
      continue;
    }
    const [first, ...rest] = own;
    const where = `${file}:${first.finding.range.start.line}`;
    first.finding.fix = {
      title: `Move every legacy KMS client of ${file} (${own.length}) to the transfer client (as \`kms-codemod migrate\` does); their edits share imports or types, so they form one fix`,
      edits: change.edits,
    };
    // SARIF needs at least one replacement per change: these carry none, only the pointer.
    for (const m of rest) {
      m.finding.fix = {
        title: `Included in the fix of ${where}: this file's client edits share imports or types and cannot be applied one client at a time`,
        edits: [],
      };
    }
  }

  attachExtras(findings, extrasByApp, rel);
  return { ...result, findings };
}

/**
 * An application's manifest edits (and Go files that only follow the package's type change) go with
 * the first fix of that application, once: put on every fix, applying two fixes would add the
 * dependency twice. The other fixes of the application say where those edits are.
 */
function attachExtras(
  findings: Finding[],
  extrasByApp: ReadonlyMap<string, FileChange[]>,
  rel: (abs: string) => string,
): void {
  for (const [appAbs, extras] of extrasByApp) {
    const app = rel(appAbs);
    const fixed = findings.filter(
      (f): f is Finding & { fix: Fix } =>
        f.ruleId === CLIENT_RULE && (f.app ?? '.') === app && f.fix !== undefined && f.fix.edits.length > 0,
    );
    if (fixed.length === 0) continue;
    const [anchor, ...rest] = fixed;
    const files = extras.map((c) => ({ file: rel(c.path), edits: c.edits }));
    anchor.fix.otherFiles = [...(anchor.fix.otherFiles ?? []), ...files];
    anchor.fix.title += `; also edits ${files.map((f) => f.file).join(', ')}`;
    const where = `${anchor.file}:${anchor.range.start.line}`;
    for (const f of rest)
      f.fix.title += `; the edits of ${files.map((x) => x.file).join(', ')} are in the fix of ${where}`;
  }
}
