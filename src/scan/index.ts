export { type AnalyzeTextOptions, type AnalyzeTextResult, analyzeText } from './analyze-text.js';
export type { ActionUse, AppAnalysis, AppResult, KmsClient, ServedBy, Verdict } from './app-pass.js';
export { compareFindings } from './run-rules.js';
export {
  type ParseErrorNote,
  type ScanOptions,
  type ScanProgress,
  type ScanResult,
  type ScanStats,
  scan,
  scanRoot,
} from './scan.js';
