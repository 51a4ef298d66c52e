/** Languages of the bundled samples (`ts` samples are TypeScript run on Node). */
export type SampleLang = 'java' | 'python' | 'go' | 'ts';
export const SAMPLE_LANGS: readonly SampleLang[] = ['java', 'python', 'go', 'ts'];

/** The two KMS instance profiles the mock serves. */
export type Profile = 'software' | 'hsm';
export const PROFILES: readonly Profile[] = ['software', 'hsm'];

export interface SampleKey {
  /** Environment variable the sample reads the key id from. */
  env: string;
  /** KMS KeySpec, e.g. `Aliyun_AES_256`, `RSA_2048`, `EC_P256`. */
  spec: string;
  /** KMS KeyUsage: `ENCRYPT/DECRYPT` or `SIGN/VERIFY`. */
  usage: string;
  /** Environment variable for the key's primary version id (asymmetric calls need it). */
  versionEnv?: string;
}

export interface SampleSecret {
  /** Environment variable the sample reads the secret name from. */
  env: string;
  /** Secret name created in the mock. The value is generated per run, never stored. */
  name: string;
}

/** `sample.json`: what a sample needs and what it is expected to do. */
export interface SampleManifest {
  name: string;
  language: SampleLang;
  description: string;
  /** Java main class, Python script, Go package (`.`), or TypeScript entry file. */
  entry: string;
  keys: SampleKey[];
  secrets: SampleSecret[];
  /** KMS actions the sample calls, in order of first use. */
  actions: string[];
  /** Present on a sample that cannot move: the call that must fail after the keys move. */
  blocked?: { action: string };
  /** True for samples kept in the exact shape of the vendor guide's "before" code. */
  seedShape?: boolean;
}

export interface Sample {
  /** `<lang>/<name>`, e.g. `java/envelope`. */
  id: string;
  dir: string;
  manifest: SampleManifest;
}

export interface TranscriptError {
  action: string;
  code: string;
  message: string;
}

/** An item a run hands to the next run so that it proves old ciphertexts still open. */
export interface CarryItem {
  id: string;
  kind: string;
  expect: unknown;
  [field: string]: unknown;
}

export interface ReplayItem {
  id: string;
  ok: boolean;
  value?: unknown;
  error?: TranscriptError;
}

/** The JSON line every sample prints last (fixtures/samples/_shared/transcript.*). */
export interface Transcript {
  sample: string;
  language: string;
  steps: Record<string, unknown>[];
  results: Record<string, unknown>;
  carry: CarryItem[];
  replayed: ReplayItem[];
  error: TranscriptError | null;
}

export type CheckId =
  | 'legacy-run'
  | 'migrate'
  | 'build'
  | 'migrated-run'
  | 'results-equal'
  | 'old-ciphertexts'
  | 'gateway-calls'
  | 'scan-verdict'
  | 'blocked-call'
  | 'tls-verified';

export const CHECK_IDS: readonly CheckId[] = [
  'legacy-run',
  'migrate',
  'build',
  'migrated-run',
  'results-equal',
  'old-ciphertexts',
  'gateway-calls',
  'scan-verdict',
  'blocked-call',
  'tls-verified',
];

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** A command a check rests on: what ran, how it ended, and (for a failure) the lines that matter. */
export interface CommandEvidence {
  /** Which run: `before`, `after (unmodified app)`, `after`, `tls`; a sample's `legacy`, `migrated`, `tls`. */
  run: string;
  command: string;
  exitCode: number;
  /** A failed run's lines that matter (error lines, no stack frames), a dozen at most. */
  output?: string[];
  /** The full output, when the work directory is kept (`--keep`). */
  log?: string;
}

/** KMS calls per face and action over one stretch of the run. */
export interface CallEvidence {
  /** e.g. `before the move`, `after the move`. */
  when: string;
  gateway: Record<string, number>;
  instance: Record<string, number>;
}

/** What a check saw, in numbers and names, beside the sentence of its message. */
export interface CheckEvidence {
  commands?: CommandEvidence[];
  calls?: CallEvidence[];
  /** Ciphertexts made before the key move and decrypted after it, as the mock counted them. */
  oldCiphertexts?: { opened: number; failed: number; lastError?: string };
  /** The run against an instance whose certificate the configured CA did not sign. */
  tls?: { foreignInstance: string; requestsReceived: number; handshakesRefused: number; error?: string };
  /** results-equal on standard output: lines compared, the --normalize patterns, the diff when they differ. */
  comparison?: { lines: number; normalize: string[]; diff?: string };
  /** Items of the legacy run's transcript that the migrated run opened (bundled samples). */
  replayed?: { id: string; kind: string; ok: boolean }[];
}

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** What the check proved or, on failure, what differed and where to look. */
  message: string;
  evidence?: CheckEvidence;
}

export interface StepTiming {
  step: string;
  ms: number;
}

export interface SampleRunResult {
  sample: string;
  language: SampleLang;
  profile: Profile;
  ok: boolean;
  checks: CheckResult[];
  timings: StepTiming[];
  /** Working directory with the copies, logs and transcripts (kept with --keep). */
  workDir?: string;
}

export interface ToolchainStatus {
  language: SampleLang;
  ok: boolean;
  reason?: string;
}

export interface VerifyReport {
  ok: boolean;
  results: SampleRunResult[];
  toolchains: ToolchainStatus[];
  /** Problems that kept a sample from running at all (bad manifest, missing toolchain). */
  problems: string[];
  totalMs: number;
}
