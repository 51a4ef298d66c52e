import type { ActionUse, AppAnalysis, AppResult, KmsClient, Verdict } from '../model/app.js';
import {
  type ApiCall,
  type ClientSite,
  type FileFacts,
  isBlockedAction,
  isInstanceAction,
  type Language,
  leavesAppIncomplete,
  type Skip,
  TRANSFER_SDK_LANGUAGES,
} from '../model/index.js';
import type { AppDir } from '../workspace/apps.js';

export type { ActionUse, AppAnalysis, AppResult, KmsClient, ServedBy, Verdict } from '../model/app.js';

import { manualChange } from '../rules/kms-action/manual-change.js';
import { decideChanges, isManagementAction, listCalls, managementNote } from './client-change.js';
import { judgeClient } from './client-judgement.js';
import { crossFileSends } from './cross-file-sends.js';
import { goFamilyUses, strandedClientTypes } from './go-retype.js';
import { resolveImportedCalls } from './imported-calls.js';

/** Languages with a migration route: the vendor's transfer SDKs, and our own Node transfer client. */
const MIGRATABLE: readonly Language[] = [...TRANSFER_SDK_LANGUAGES, 'typescript', 'javascript'];
const ALREADY_ON_INSTANCE = new Set<ClientSite['family']>(['transfer', 'instance']);

function fileUsesKms(f: FileFacts): boolean {
  return f.usesKmsModels || f.calls.length > 0;
}

/**
 * Decides which clients are KMS clients across the files of one application, each by what it sends
 * first (client-judgement.ts): a core-SDK client that executes only STS requests is not one, even in an
 * application that uses KMS elsewhere. A client whose use cannot be traced falls back to the
 * application: built in one file (a Spring @Bean, a factory) and used with KMS requests in another, it
 * is a KMS client; used only for other products (its own file shows another product and no KMS), it is
 * not. A TS/JS pop-core client exported from one file and called with KMS actions from another is one
 * too. Then what each needs (client-change.ts): a rewrite, a configuration change, or nothing.
 */
export function analyzeApp(app: AppDir, parsed: FileFacts[], unread: Skip[] = []): AppAnalysis {
  const { files, calledForKms } = resolveImportedCalls(parsed);
  const usesKms = files.some(fileUsesKms);
  const kmsClients: KmsClient[] = [];
  for (const file of files) {
    for (const client of file.clients) {
      const sends = crossFileSends(client, file, files);
      const judged = judgeClient(client, file, usesKms, calledForKms.has(client), sends);
      if (judged) kmsClients.push({ file, client, ...judged, change: 'code' });
    }
  }
  decideChanges(kmsClients, files);
  const stranded = strandedClientTypes(files);
  return {
    dir: app.dir,
    manifests: app.manifests,
    files,
    kmsClients,
    usesKms,
    unread,
    ...(stranded.length > 0 ? { strandedClientTypes: stranded } : {}),
  };
}

/** The skips that leave each application incomplete, by application directory. */
export function unreadByApp(skipped: readonly Skip[], locate: (file: string) => string): Map<string, Skip[]> {
  const out = new Map<string, Skip[]>();
  for (const s of skipped) {
    if (!leavesAppIncomplete(s)) continue;
    const app = locate(s.file);
    out.set(app, [...(out.get(app) ?? []), s]);
  }
  return out;
}

/** Why no verdict can be given: each file that was not read or analysed in full, and what to do. */
function incompleteReasons(a: AppAnalysis): string[] {
  const unread = [...(a.unread ?? [])].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  const reasons = unread.map((s) =>
    s.reason === 'extract-failed'
      ? `could not analyse ${s.file}: ${s.detail}`
      : `could not read ${s.file}: ${s.detail}`,
  );
  for (const f of a.files) {
    if (f.parseErrors.some((p) => p.partial))
      reasons.push(`analysis of ${f.file} stopped early; its KMS use may be missing`);
  }
  return reasons;
}

function where(file: string, call: { range: ApiCall['range'] }): string {
  return `${file}:${call.range.start.line}`;
}

/** The seed's table: blocked calls or a language with no transfer route block the move. */
export function judgeApp(a: AppAnalysis): AppResult {
  const languages = new Set<Language>();
  const reasons: string[] = [];
  const actions = new Map<string, ActionUse>();
  const blockedAt = new Map<string, string[]>();
  const manualReasons: string[] = [];
  const kmsClients = new Set(a.kmsClients.map((k) => k.client));
  for (const f of a.files) {
    if (fileUsesKms(f) || f.clients.some((c) => kmsClients.has(c))) languages.add(f.language);
    for (const call of f.calls) {
      let use = actions.get(call.action);
      if (!use) {
        use = {
          action: call.action,
          servedBy: isInstanceAction(call.action) ? 'instance' : 'gateway',
          blocked: isBlockedAction(call.action),
          count: 0,
          locations: [],
        };
        actions.set(call.action, use);
      }
      use.count++;
      use.locations.push({ file: f.file, line: call.range.start.line });
      if (use.blocked && !a.dormantCalls?.some((d) => d.call === call))
        blockedAt.set(call.action, [...(blockedAt.get(call.action) ?? []), where(f.file, call)]);
      const manual = manualChange(f, call);
      if (manual) manualReasons.push(manual);
    }
  }
  // One reason per blocked action, not one per call: a report lists them, a person reads them.
  for (const [action, at] of blockedAt) {
    const shown = at.length > 3 ? `${at.slice(0, 3).join(', ')} and ${at.length - 3} more` : listed(at);
    reasons.push(`calls ${action} at ${shown}: the KMS instance does not serve it`);
  }
  reasons.push(...manualReasons);
  for (const lang of languages) {
    if (!MIGRATABLE.includes(lang)) {
      reasons.push(
        `uses KMS from ${lang}: the vendor ships no transfer SDK for it; contact Alibaba Cloud support`,
      );
    }
  }
  const legacy = a.kmsClients.filter((k) => !ALREADY_ON_INSTANCE.has(k.client.family));
  // What scan says of clients it leaves as they are: the reasons of a "no code change" verdict, notes of any other.
  const clientNotes = [...new Set(legacy.flatMap((k) => (k.note ? [noteFor(k)] : [])))];
  const unknown = incompleteReasons(a);
  let verdict: Verdict;
  if (reasons.length > 0) {
    verdict = 'blocked';
    reasons.push(...unknown);
  } else if (unknown.length > 0) {
    verdict = 'incomplete';
    reasons.push(...unknown);
  } else if (legacy.some((k) => k.change === 'code')) verdict = 'ready';
  else if (a.strandedClientTypes) {
    verdict = 'ready';
    reasons.push(strandedReason(a.strandedClientTypes));
  } else if (a.missingSdks?.length) {
    // The code was migrated but not the build: migrate finishes it by adding the SDK.
    verdict = 'ready';
    for (const m of a.missingSdks)
      reasons.push(
        `half migrated: the ${m.ecosystem} manifests lack ${m.packages.join(', ')}, which the transfer client at ${m.client.file.file}:${m.client.client.range.start.line} needs`,
      );
  } else if (legacy.length > 0) {
    verdict = 'no code change';
    reasons.push(...clientNotes);
  } else if (a.kmsClients.length > 0) {
    verdict = 'nothing to migrate';
    reasons.push('every KMS client is already a transfer or instance client');
  } else if (managementOnly(a)) {
    verdict = 'no code change';
    reasons.push(
      managementNote(listCalls(a.files.flatMap((f) => f.calls.map((call) => ({ file: f.file, call }))))),
    );
  } else if (a.usesKms) {
    verdict = 'ready';
    reasons.push(
      'KMS requests are used but no client construction was found in this application; check where the client is built',
    );
  } else {
    verdict = 'nothing to migrate';
    reasons.push('no KMS client or KMS call found');
  }
  const inventory = [...actions.values()].sort((x, y) =>
    x.action < y.action ? -1 : x.action > y.action ? 1 : 0,
  );
  const notes = [
    ...(verdict === 'no code change' ? [] : clientNotes),
    ...(verdict === 'ready' ? unresolvedNotes(a) : []),
    ...appNotes(a, verdict, inventory),
  ];
  return {
    dir: a.dir,
    manifests: a.manifests,
    languages: [...languages].sort(),
    ...(a.kind ? { kind: a.kind, kindEvidence: a.kindEvidence } : {}),
    verdict,
    reasons,
    ...(notes.length > 0 ? { notes } : {}),
    clients: a.kmsClients.map((k) => ({
      file: k.file.file,
      line: k.client.range.start.line,
      family: k.client.family,
      constructorName: k.client.constructorName,
      evidence: k.evidence,
      judgedBy: k.judgedBy,
      change: k.change,
      ...(k.note ? { note: k.note } : {}),
    })),
    actions: inventory,
  };
}

function strandedReason(refs: NonNullable<AppAnalysis['strandedClientTypes']>): string {
  const first = `${refs[0].file.file}:${refs[0].ref.range.start.line}`;
  const more = refs.length > 1 ? ` and ${refs.length - 1} more` : '';
  return `the client type was retyped only in part: ${first}${more} still name the legacy client type while the module builds only transfer clients`;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * What to know besides the verdict: gateway-only calls an already migrated application still makes,
 * generated files migrate leaves to their generator, and generated wrappers nothing calls.
 */
function appNotes(a: AppAnalysis, verdict: Verdict, actions: readonly ActionUse[]): string[] {
  const notes: string[] = [];
  const migrated =
    a.kmsClients.length > 0 && a.kmsClients.every((k) => ALREADY_ON_INSTANCE.has(k.client.family));
  if (migrated && verdict === 'nothing to migrate') {
    const gateway = actions.filter((u) => u.servedBy === 'gateway' && !u.blocked);
    if (gateway.length > 0)
      notes.push(
        `already migrated, but it still calls ${listed(gateway.map((u) => `${u.action} (${u.locations[0].file}:${u.locations[0].line})`))}: the KMS instance does not serve ${gateway.length === 1 ? 'it' : 'them'}, so the transfer client sends ${gateway.length === 1 ? 'it' : 'them'} to the shared KMS OpenAPI, which keeps serving management and read calls after the keys move (only cryptographic calls on a moved key stop there one month after the move)`,
      );
  }
  for (const f of a.files) {
    if (f.generated && (f.clients.length > 0 || f.calls.length > 0))
      notes.push(
        `${f.file} is generated ("${f.generated}"): migrate leaves it as it is; change its generator or template instead`,
      );
  }
  if (a.kind === 'library') {
    const api = goFamilyUses(a.files)
      .filter((u) => u.movable.length > 0)
      .flatMap((u) => u.refs.filter((r) => r.ref.api));
    if (api.length > 0)
      notes.push(
        `a library whose exported API names the client type (${listed([...new Set(api.map((r) => r.ref.api as string))])}): moving to the transfer client changes that API for its users, so migrate does it only with --allow-api-change`,
      );
  }
  for (const d of a.dormantCalls ?? [])
    notes.push(
      `${d.file.file}:${d.call.range.start.line}: the generated ${d.wrapper ? `wrapper ${d.wrapper}` : 'code'} calls ${d.call.action}, but nothing outside generated files calls it, so it does not block the move; drop it from the generator`,
    );
  return notes;
}

/** A configuration change names its client; "management calls only" already lists the calls. */
function noteFor(k: KmsClient): string {
  return k.change === 'configuration'
    ? `${k.note} (${k.client.constructorName} at ${k.file.file}:${k.client.range.start.line})`
    : (k.note as string);
}

/** No client construction in the application, and every KMS call it makes is a management call. */
function managementOnly(a: AppAnalysis): boolean {
  const calls = a.files.flatMap((f) => f.calls);
  return (
    calls.length > 0 &&
    calls.every((c) => isManagementAction(c.action)) &&
    !a.files.some((f) => (f.unresolvedCalls?.length ?? 0) > 0)
  );
}

function unresolvedNotes(a: AppAnalysis): string[] {
  return a.files.flatMap((f) =>
    (f.unresolvedCalls ?? []).map(
      (u) => `${f.file}:${u.range.start.line}: ${u.reason}; check which KMS action it sends`,
    ),
  );
}

/**
 * A scan that found no source file at all (everything ignored, or no file in a language we read) says
 * so: its root application is `incomplete`, not clean, since nothing was looked at.
 */
export function judgeNothingScanned(apps: AppResult[], ignored: number): AppResult[] {
  const why =
    ignored > 0
      ? `nothing was scanned: no source file was found (${ignored} path(s) left out by .gitignore, --ignore or the config's ignores)`
      : 'nothing was scanned: no source file in a language kms-codemod reads (Java, Python, Go, TS/JS, PHP, C#) was found';
  return apps.map((a) => (a.dir === '.' ? { ...a, verdict: 'incomplete', reasons: [why] } : a));
}
