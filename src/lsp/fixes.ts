import { join } from 'node:path';
import type { planMigration } from '../migrate/plan-migration.js';
import type { attachFixes } from '../migrate/scan-fixes.js';
import type { Finding, Fix } from '../model/index.js';
import type { ScanResult } from '../scan/index.js';
import { BufferReader } from './buffer-reader.js';
import { isMigratableClient, noRewriteNote } from './diagnostics.js';
import type { DocumentAnalysis } from './document-analysis.js';
import type { DocumentStore } from './document-store.js';
import type { FileEdits } from './workspace-edit.js';

interface MigrateKit {
  planMigration: typeof planMigration;
  attachFixes: typeof attachFixes;
}
let kit: MigrateKit | undefined;
let loading: Promise<MigrateKit> | undefined;

/**
 * The rewriters are most of the server's start-up (~0.2 s of module loading), and no diagnostic needs
 * them: they load after `initialize` is answered, and a code action awaits them before its edits.
 */
export function loadMigrateKit(): Promise<MigrateKit> {
  loading ??= Promise.all([import('../migrate/plan-migration.js'), import('../migrate/scan-fixes.js')]).then(
    ([plan, fixes]) => {
      kit = { planMigration: plan.planMigration, attachFixes: fixes.attachFixes };
      return kit;
    },
  );
  return loading;
}

function migrateKit(): MigrateKit {
  if (!kit) throw new Error('kms-codemod: the rewriters are not loaded yet (await loadMigrateKit() first)');
  return kit;
}

/** Edits for one fix, on the texts `reader` read (buffers where open). */
export interface ComputedEdits {
  files: FileEdits[];
  reader: BufferReader;
}

/**
 * The analysed buffer as a scan of its application in which only this file's clients are to move:
 * what `attachFixes` and `planMigration` take. A quick fix migrates the clients of the file the user
 * is in, with the manifest edits (and the Go files whose types follow) that go with them, not every
 * file of the application.
 */
export function fileScopedScan(a: DocumentAnalysis): ScanResult {
  const app = { ...a.app, clients: a.app.clients.filter((c) => c.file === a.file) };
  return {
    root: a.root,
    files: [...a.context, a.facts],
    findings: a.findings,
    apps: [app],
    skipped: [],
    parseErrors: [],
    stats: { files: 1, bytes: a.text.length, parsed: 1, ignored: 0, workers: 0, durationMs: 0 },
  };
}

interface ClientFixes {
  findings: Finding[];
  reader: BufferReader;
}

/** Per analysis and buffer epoch: a client that asks for actions on every cursor move rewrites once. */
const fixMemo = new WeakMap<DocumentAnalysis, { epoch: number; value: ClientFixes }>();

/** This file's legacy-client findings with the fixes migrate would make, read through the buffers. */
export function clientFixes(a: DocumentAnalysis, store: DocumentStore): ClientFixes {
  const memo = fixMemo.get(a);
  if (memo?.epoch === store.epoch) return memo.value;
  const reader = new BufferReader(store);
  let findings: Finding[] = [];
  if (!noRewriteNote(a.app) && a.findings.some(isMigratableClient)) {
    const fixed = migrateKit().attachFixes(fileScopedScan(a), { readFile: reader.read });
    findings = fixed.findings.filter((f) => f.file === a.file && isMigratableClient(f));
  }
  const value = { findings, reader };
  fixMemo.set(a, { epoch: store.epoch, value });
  return value;
}

/**
 * The edits of one client's quick fix. A file whose clients share imports or types has its whole
 * rewrite on its first client's fix (attachFixes cannot split it), so that one is used for each.
 */
export function editsForClient(
  a: DocumentAnalysis,
  fixed: readonly Finding[],
  target: Finding,
): FileEdits[] | undefined {
  const own = fixed.find(
    (f) => f.range.startOffset === target.range.startOffset && f.range.endOffset === target.range.endOffset,
  );
  const fix: Fix | undefined = own?.fix?.edits.length ? own.fix : fixed.find((f) => f.fix?.edits.length)?.fix;
  if (!own?.fix || !fix) return undefined;
  return [
    { path: join(a.root, a.file), edits: fix.edits },
    ...(fix.otherFiles ?? []).map((o) => ({ path: join(a.root, o.file), edits: o.edits })),
  ];
}

/** Every migratable client of the file at once (`source.fixAll.kms-codemod`): migrate's plan for it. */
export function fixAllEdits(a: DocumentAnalysis, store: DocumentStore): ComputedEdits {
  const reader = new BufferReader(store);
  if (noRewriteNote(a.app) || !a.findings.some(isMigratableClient)) return { files: [], reader };
  const plan = migrateKit().planMigration(fileScopedScan(a), { readFile: reader.read });
  return { files: plan.changes.map((c) => ({ path: c.path, edits: c.edits })), reader };
}

/** Why there is no rewrite for the file's clients, in migrate's own words (its notes on the file). */
export function noFixReason(a: DocumentAnalysis, store: DocumentStore): string {
  const withheld = noRewriteNote(a.app);
  if (withheld) return withheld;
  const reader = new BufferReader(store);
  const plan = migrateKit().planMigration(fileScopedScan(a), { readFile: reader.read });
  const own = plan.unrewritten.filter((f) => f.file.endsWith(a.file));
  const serious = own.filter((f) => f.severity !== 'info');
  const notes = [...new Set((serious.length ? serious : own).map((f) => f.message.replace(/\.$/, '')))];
  if (notes.length) return `kms-codemod migrate leaves this client as it is: ${notes.join('; ')}.`;
  if (plan.changes.length > 0 && a.findings.some((f) => f.ruleId === 'hardcoded-credential'))
    return 'No rewrite is offered while the file has a hard-coded credential the rewritten code would repeat: move it out of the code first (see hardcoded-credential).';
  return 'kms-codemod migrate leaves this client as it is; run `kms-codemod migrate` on the application to see why.';
}
