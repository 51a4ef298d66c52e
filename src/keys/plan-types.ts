import type { Language } from '../model/language.js';
import type { Resolution } from './resolve-refs.js';
import type { InventoryProblem, KeyJudgement, Reason, Verdict } from './types.js';

/** What `plan` needs from scan per application (scan's AppResult plus the key references of its files). */
export interface AppInput {
  /** Repository root as given on the command line. */
  repo: string;
  /** Repository-relative application directory ('.' for the root). */
  app: string;
  languages: Language[];
  /** scan's verdict: `ready`, `blocked` or `nothing to migrate`. */
  verdict: string;
  reasons: string[];
  /** Clients of the shared gateway left in its code (legacy core, pop-core, Tea kms20160120). */
  legacyClients: number;
  keyRefs: AppKeyRef[];
}

export interface AppKeyRef {
  file: string;
  line: number;
  parameter: string;
  literal?: string;
  envName?: string;
  configName?: string;
  /**
   * The values it takes, resolved where the repository was scanned (a scan result read by
   * `plan --scans` carries them, so the repository's config files are not needed here).
   */
  resolved?: Resolution;
}

export interface MigrationWindow {
  start: Date;
  end: Date;
}

/** One use of one inventory key by one application. */
export interface KeyUse {
  keyId: string;
  /** The value found (id, alias, ARN) and how it got there. */
  value: string;
  via: string[];
  /** Code location of the reference. */
  at: string;
  /** Where the value was read (`code` or file:line). */
  from: string;
}

export type AppAction = 'rewrite' | 'blocked' | 'no-change' | 'check-config';

export interface AppPlan {
  repo: string;
  app: string;
  languages: Language[];
  scanVerdict: string;
  scanReasons: string[];
  action: AppAction;
  /** Keys it uses that move in this plan. */
  moving: KeyUse[];
  /** Keys it uses that stay in the default instance (not supported, fix first, held back, service keys). */
  staying: KeyUse[];
  /** Keys it uses that already live in an instance. */
  inInstance: KeyUse[];
  /** References whose value is nowhere in the repository (set at deploy time?). */
  unresolved: { at: string; names: string[] }[];
  /** References whose value the code computes (neither a literal nor an environment or config name). */
  computed: { at: string; parameter: string }[];
  /** Values that look like key ids but are not in the inventory (another region or account?). */
  unknown: { at: string; value: string; from: string }[];
  /** Secrets it reads (GetSecretValue SecretName); `oldConsole` when the inventory lists them. */
  secrets: { name: string; at: string; from: string; oldConsole: boolean }[];
  warnings: string[];
}

/** Where a key stands in this plan. */
export type KeyStatus =
  | 'move' // in a support ticket
  | 'held-back' // can move, but a blocked application uses it
  | 'fix-first' // disable rotation, then it can move
  | 'not-supported'
  | 'no-migration-needed';

export interface KeyPlan {
  judgement: KeyJudgement;
  status: KeyStatus;
  /** Target instance, for `move` keys. */
  instance?: string;
  /** `<repo>:<app>` of every application using it. */
  usedBy: string[];
  note?: string;
}

export interface Ticket {
  instance: string;
  regions: string[];
  keys: { keyId: string; aliases: string[]; region?: string }[];
  window?: { start: string; end: string };
  text: string;
}

export interface ChecklistItem {
  /** ISO date-time it must be done by, when known. */
  due?: string;
  /** `before the window`, `after the move`, ... when there is no date. */
  when: string;
  text: string;
}

export interface Deadline {
  /** One month after the window opens: the gateway may close this early for a key moved first (stricter reading). */
  earliest: string;
  /** One month after the window closes. */
  latest: string;
}

export interface Plan {
  repos: string[];
  inventorySource: string;
  window?: { start: string; end: string };
  deadline?: Deadline;
  apps: AppPlan[];
  keys: KeyPlan[];
  tickets: Ticket[];
  checklist: ChecklistItem[];
  problems: InventoryProblem[];
  notes: string[];
  /** Flags that will not do what was meant: a past window, a key that will not move, regions mixed. */
  warnings: string[];
  summary: { apps: Record<AppAction, number>; keys: Record<KeyStatus, number> };
}

export type { KeyJudgement, Reason, Verdict };
