import type { ApiCall, ClientSite, ClientTypeRef, FileFacts, KmsEvidence } from './facts.js';
import type { Language } from './language.js';

/** A client judged to talk to KMS, with the evidence from its file and from its application. */
export interface KmsClient {
  file: FileFacts;
  client: ClientSite;
  evidence: KmsEvidence[];
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
  }[];
  actions: ActionUse[];
}
