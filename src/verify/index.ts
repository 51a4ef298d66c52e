export { loadManifest } from './manifest.js';
export { applyMutation, MUTATIONS, type MutationName } from './mutations.js';
export type { VerifyHooks } from './prepare-sample.js';
export { formatReport, VERIFY_FORMATS, type VerifyFormat } from './report/index.js';
export { findSamples } from './samples.js';
export { parseTranscript } from './transcript.js';
export type {
  CheckId,
  CheckResult,
  Profile,
  Sample,
  SampleLang,
  SampleManifest,
  SampleRunResult,
  Transcript,
  VerifyReport,
} from './types.js';
export { CHECK_IDS, PROFILES, SAMPLE_LANGS } from './types.js';
export { RUN_KEY_ENV, type VerifyCommandOptions, verifyCommand } from './verify-command.js';
export { type VerifyOptions, verifySamples } from './verify-samples.js';
