import { resolve } from 'node:path';
import type { GoRetypeFamily, TransferNeed } from '../languages/rewrite-kit/rewriter.js';
import { transferNeedOf } from '../languages/rewrite-kit/transfer-need.js';
import type { AppKind } from '../model/app.js';
import type { ClientSite, FileFacts, SuppressionDirective } from '../model/facts.js';
import type { Range } from '../model/range.js';
import type { AppResult, ScanResult } from '../scan/index.js';
import { appLocator } from '../workspace/apps.js';
import type { Skip } from '../workspace/skips.js';
import { planGoRetype, type RetypeRefusal } from './go-retype-plan.js';

/** One file the rewriters get, with what scan knows about it. */
export interface FileTarget {
  /** Absolute path. */
  path: string;
  facts: FileFacts;
  /** Absolute directory of its application. */
  app: string;
  /** The constructions scan reported as legacy KMS clients (offsets in the file as read, BOM included). */
  clients: ClientSite[];
  /** Go: the client families its module retypes (decided for the whole module). */
  goRetype: GoRetypeFamily[];
  /** Scan's answer for the application: a library's manifests take ranges, and its code the instance config from its caller. */
  kind?: AppKind;
  kindEvidence?: string;
}

export interface BlockedApp {
  /** Absolute directory. */
  dir: string;
  result: AppResult;
  /** The first blocked call scan found, for the finding's location, with that file's suppression comments. */
  at?: { path: string; range: Range; suppressions?: readonly SuppressionDirective[] };
}

/** A KMS client scan found that needs no rewrite: its settings change, or nothing does. */
export interface KeptClient {
  /** Absolute path. */
  path: string;
  site: ClientSite;
  change: 'configuration' | 'none';
  /** Scan's text for it (the same in scan's finding and verdict). */
  note: string;
}

export interface MigratePlan {
  files: FileTarget[];
  blocked: BlockedApp[];
  /** Clients left as they are on purpose, each with scan's reason (configuration change, management calls only). */
  kept: KeptClient[];
  /** Applications scan could not read in full: left alone unless `allowIncomplete`. */
  incomplete: BlockedApp[];
  /** Files scan could not read or analyse: their clients are unknown, so migrate says so. */
  skipped: { path: string; skip: Skip }[];
  /** Generated files with legacy clients: reported, never rewritten (their generator must change). */
  generated: { path: string; facts: FileFacts; clients: ClientSite[] }[];
  /** Applications left as they are because their client type cannot move consistently (paths absolute). */
  refused: { dir: string; refusal: RetypeRefusal }[];
  /**
   * The SDKs that transfer clients already in the code need, per absolute application directory: a
   * half-migrated application gets them into its manifests (those already listed add nothing).
   */
  transferNeeds: Map<string, { needs: Set<TransferNeed>; library: boolean }>;
}

const ON_INSTANCE = new Set<ClientSite['family']>(['transfer', 'instance']);
export const CLIENT_RULE = 'legacy-kms-client';
const GO_KMS_MODULE = /alibaba-cloud-sdk-go\/services\/kms$|kms-20160120/;
const UNKNOWN_CONTENT = new Set<Skip['reason']>(['unreadable', 'extract-failed', 'non-utf8']);

/**
 * Scan's per-application KMS clients as the ClientSite facts of each file. AppResult lists a client by
 * file, line, family and constructor; the facts hold the ranges the rewriters are checked against.
 */
function legacyClientsByFile(
  scanned: ScanResult,
  facts: ReadonlyMap<string, FileFacts>,
): { legacy: Map<string, ClientSite[]>; kept: (Omit<KeptClient, 'path'> & { file: string })[] } {
  const out = new Map<string, ClientSite[]>();
  const kept: (Omit<KeptClient, 'path'> & { file: string })[] = [];
  // A client whose finding a comment silences is one the user has judged: left as it is, as ESLint
  // leaves a disabled problem unfixed.
  const silenced = new Set(
    scanned.findings
      .filter((f) => f.suppressed && f.ruleId === CLIENT_RULE)
      .map((f) => `${f.file}:${f.range.startOffset}`),
  );
  for (const app of scanned.apps) {
    for (const c of app.clients) {
      if (ON_INSTANCE.has(c.family)) continue;
      const f = facts.get(c.file);
      if (!f) continue;
      const list = out.get(c.file) ?? [];
      for (const site of f.clients) {
        if (
          site.range.start.line !== c.line ||
          site.constructorName !== c.constructorName ||
          site.family !== c.family ||
          silenced.has(`${c.file}:${site.range.startOffset}`) ||
          list.includes(site) ||
          kept.some((k) => k.site === site)
        )
          continue;
        // Scan decided this client needs no rewrite: migrate says why, with scan's words.
        if (c.change === 'configuration' || c.change === 'none')
          kept.push({ file: c.file, site, change: c.change, note: c.note ?? '' });
        else list.push(site);
      }
      out.set(c.file, list);
    }
  }
  return { legacy: out, kept };
}

/** Which files to rewrite and which applications are blocked, from one scan of the same paths. */
export function planFromScan(
  scanned: ScanResult,
  force: boolean,
  allowApiChange = false,
  allowIncomplete = false,
): MigratePlan {
  const abs = (rel: string) => resolve(scanned.root, rel);
  const facts = new Map(scanned.files.map((f) => [f.file, f]));
  const apps = new Map(scanned.apps.map((a) => [a.dir, a]));
  const locate = appLocator(scanned.apps);
  const { legacy, kept } = legacyClientsByFile(scanned, facts);

  const blocked: BlockedApp[] = [];
  for (const app of scanned.apps) {
    if (app.verdict !== 'blocked') continue;
    const use = app.actions.find((a) => a.blocked)?.locations[0];
    const call = use && facts.get(use.file)?.calls.find((c) => c.range.start.line === use.line);
    blocked.push({
      dir: abs(app.dir),
      result: app,
      ...(use && call
        ? { at: { path: abs(use.file), range: call.range, suppressions: facts.get(use.file)?.suppressions } }
        : {}),
    });
  }

  // With --since, only the changed files are rewritten (their applications were judged whole).
  const changed = scanned.since ? new Set(scanned.since.files) : undefined;
  const incomplete = scanned.apps
    .filter((a) => a.verdict === 'incomplete')
    .map((a): BlockedApp => ({ dir: abs(a.dir), result: a }));
  const open = scanned.files.filter((f) => {
    if (changed && !changed.has(f.file)) return false;
    const verdict = apps.get(locate(f.file))?.verdict;
    return (
      verdict !== 'nothing to migrate' &&
      verdict !== 'no code change' &&
      (verdict !== 'blocked' || force) &&
      (verdict !== 'incomplete' || allowIncomplete)
    );
  });
  const { retype, refused } = goRetypes(open, legacy, locate, apps, allowApiChange);
  const refusedDirs = new Set(refused.map((r) => r.dir));
  const generated = open.filter((f) => f.generated && (legacy.get(f.file)?.length ?? 0) > 0);
  const candidates = open.filter((f) => {
    if (refusedDirs.has(locate(f.file)) || f.generated) return false;
    if ((legacy.get(f.file)?.length ?? 0) > 0) return true;
    // Go files without a client change too: client types of a module that retypes them, and
    // `...WithChan` / `...WithCallback` calls the transfer client does not intercept.
    return (
      f.language === 'go' &&
      f.imports.some((i) => GO_KMS_MODULE.test(i.module)) &&
      ((retype.get(locate(f.file))?.length ?? 0) > 0 ||
        f.calls.some((c) => c.form === 'client-method-chan' || c.form === 'client-method-callback'))
    );
  });
  const files = candidates.map(
    (f): FileTarget => ({
      path: abs(f.file),
      facts: f,
      app: abs(locate(f.file)),
      clients: legacy.get(f.file) ?? [],
      goRetype: retype.get(locate(f.file)) ?? [],
      ...kindOf(apps.get(locate(f.file))),
    }),
  );
  const skipped = scanned.skipped
    .filter((s) => UNKNOWN_CONTENT.has(s.reason))
    .map((skip) => ({ path: abs(skip.file), skip }));
  const transferNeeds: MigratePlan['transferNeeds'] = new Map();
  for (const f of open) {
    for (const site of f.clients) {
      const need = transferNeedOf(site);
      if (!need) continue;
      const dir = locate(f.file);
      const entry = transferNeeds.get(abs(dir)) ?? {
        needs: new Set<TransferNeed>(),
        library: apps.get(dir)?.kind === 'library',
      };
      entry.needs.add(need);
      transferNeeds.set(abs(dir), entry);
    }
  }
  return {
    files,
    blocked,
    incomplete,
    skipped,
    refused: refused.map((r) => ({ dir: abs(r.dir), refusal: { ...r.refusal, file: abs(r.refusal.file) } })),
    generated: generated.map((f) => ({ path: abs(f.file), facts: f, clients: legacy.get(f.file) ?? [] })),
    kept: kept.map(({ file, ...k }) => ({ path: abs(file), ...k })),
    transferNeeds,
  };
}

/** Each Go module's retype, decided once for the module (scan-relative application dirs). */
function goRetypes(
  open: readonly FileFacts[],
  legacy: ReadonlyMap<string, ClientSite[]>,
  locate: (file: string) => string,
  apps: ReadonlyMap<string, AppResult>,
  allowApiChange: boolean,
): { retype: Map<string, GoRetypeFamily[]>; refused: { dir: string; refusal: RetypeRefusal }[] } {
  const byApp = new Map<string, FileFacts[]>();
  for (const f of open) {
    if (f.language !== 'go') continue;
    const dir = locate(f.file);
    byApp.set(dir, [...(byApp.get(dir) ?? []), f]);
  }
  const migrating = new Set([...legacy.values()].flat());
  const retype = new Map<string, GoRetypeFamily[]>();
  const refused: { dir: string; refusal: RetypeRefusal }[] = [];
  for (const [dir, files] of byApp) {
    const plan = planGoRetype(files, migrating, apps.get(dir)?.kind, allowApiChange);
    if (plan.refusal) refused.push({ dir, refusal: plan.refusal });
    else retype.set(dir, plan.families);
  }
  return { retype, refused };
}

function kindOf(app: AppResult | undefined): Pick<FileTarget, 'kind' | 'kindEvidence'> {
  return app?.kind ? { kind: app.kind, ...(app.kindEvidence ? { kindEvidence: app.kindEvidence } : {}) } : {};
}
