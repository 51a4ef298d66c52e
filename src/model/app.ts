import type { ApiCall, ClientSends, ClientSite, ClientTypeRef, FileFacts, KmsEvidence } from './facts.js';
import type { Language } from './language.js';
import type { Skip } from './skip.js';

/**
 * What a client was judged a KMS client by: its own construction (a KMS package, endpoint or API
 * version), the requests executed through it, or, when its use cannot be traced, the KMS use of its
 * file and application.
 */
export type JudgedBy = 'construction' | 'requests' | 'application';

/**
 * What a KMS client needs before its keys move: a rewrite (`code`), a change of the project's own
 * settings (`configuration`: a V2 client whose endpoint comes from them), or nothing (`none`: it
 * makes management or read calls only, which stay on the shared OpenAPI).
 */
export type ClientChangeKind = 'code' | 'configuration' | 'none';

/** A client judged to talk to KMS, with the evidence from its file and from its application. */
export interface KmsClient {
  file: FileFacts;
  client: ClientSite;
  evidence: KmsEvidence[];
  judgedBy: JudgedBy;
  /** The KMS actions traced to it (requests executed through it), when `judgedBy` is `requests`. */
  sentActions?: string[];
  /** What was traced through it: in its own file, or through its bean or module name elsewhere. */
  sends?: ClientSends;
  change: ClientChangeKind;
  /** For `configuration` and `none`: what to do (or why nothing), the same text in scan and migrate. */
  note?: string;
}

/** A transfer client whose SDK the application's manifests do not declare: a migration left half done. */
export interface MissingSdk {
  client: KmsClient;
  /** The registry of the packages (`maven`, `pypi`, `go`, `npm`): which manifests lack them. */
  ecosystem: string;
  packages: string[];
}

/** The application-level join the rules read: facts of every file of one application. */
export interface AppAnalysis {
  dir: string;
  manifests: string[];
  files: FileFacts[];
  kmsClients: KmsClient[];
  /** Whether any file of the application uses KMS request models or calls KMS actions. */
  usesKms: boolean;
  /** Application or library, with what decided it; examined only for applications that use KMS. */
  kind?: AppKind;
  kindEvidence?: string;
  /**
   * Go: legacy client types a half-done retype left in a module that builds only transfer clients
   * (that code no longer compiles against them, or sends its calls to the shared gateway).
   */
  strandedClientTypes?: { file: FileFacts; ref: ClientTypeRef }[];
  /**
   * Blocked calls in generated wrappers that no code outside generated files calls: they do not block
   * the move (`wrapper`: the generated method they sit in).
   */
  dormantCalls?: { file: FileFacts; call: ApiCall; wrapper?: string }[];
  /** Files of the application that could not be read or analysed in full (`leavesAppIncomplete`). */
  unread?: Skip[];
  /** Transfer clients whose SDK is missing from the manifests (scan/half-migrated.ts). */
  missingSdks?: MissingSdk[];
}

/**
 * A library is published for others to call: its code must not read the instance settings deep
 * inside, its public types must not change silently, and its manifest takes ranges, not pins.
 */
export type AppKind = 'application' | 'library';

/**
 * One application's migration verdict:
 * - `ready`: legacy KMS clients that `migrate` rewrites;
 * - `blocked`: a call the KMS instance does not serve, or a language with no transfer route;
 * - `no code change`: KMS is used but no code must change (management or read calls only, which stay on
 *   the shared OpenAPI; or clients whose endpoint and CA come from the project's own settings, so the
 *   change is one of configuration); the reasons say which;
 * - `incomplete`: a file of the application could not be read or parsed in full, so no verdict can be
 *   given; the reasons name the files. Never reported as clean;
 * - `nothing to migrate`: no KMS client or call, or only transfer/instance clients.
 */
export type Verdict = 'ready' | 'blocked' | 'no code change' | 'incomplete' | 'nothing to migrate';
export type ServedBy = 'instance' | 'gateway';

export interface ActionUse {
  action: string;
  servedBy: ServedBy;
  blocked: boolean;
  count: number;
  locations: { file: string; line: number }[];
}

/** Per-application result of a scan (JSON and markdown reports, plan). */
export interface AppResult {
  dir: string;
  manifests: string[];
  languages: Language[];
  /** Application or library (see `AppKind`), for applications that use KMS. */
  kind?: AppKind;
  kindEvidence?: string;
  verdict: Verdict;
  reasons: string[];
  /**
   * What to know that does not change the verdict: gateway-only calls an already migrated application
   * still makes, generated files migrate leaves to their generator, generated wrappers nothing calls.
   */
  notes?: string[];
  clients: {
    file: string;
    line: number;
    family: ClientSite['family'];
    constructorName: string;
    evidence: KmsEvidence[];
    judgedBy: JudgedBy;
    change: ClientChangeKind;
    note?: string;
  }[];
  actions: ActionUse[];
}

/**
 * What an earlier scan found out about a source file that has not changed since: whether it is a
 * program entry point (the fact cache keeps it, so a rescan does not read every source of a library).
 */
export interface EntryPointMemo {
  get(rel: string): boolean | undefined;
  set(rel: string, entryPoint: boolean): void;
}
