import type { RuleSetting } from '../config/config.js';
import {
  type AppResult,
  emptyFacts,
  type FileFacts,
  type Finding,
  fingerprintInText,
  languageOfPath,
  leavesAppIncomplete,
  type Skip,
} from '../model/index.js';
import { mayUseSdkText } from '../workspace/prefilter.js';
import { analyzeApp, judgeApp } from './app-pass.js';
import { extractFile } from './extract-file.js';
import { runRules } from './run-rules.js';
import { applySuppressions } from './suppress.js';

export interface AnalyzeTextOptions {
  /** Facts of the other files of the same application (e.g. from a previous scan), for the cross-file join. */
  context?: readonly FileFacts[];
  /** Application directory the file belongs to ('.' by default). */
  app?: string;
  rules?: Record<string, RuleSetting>;
  /**
   * Files of the application a scan could not read or analyse in full (its `skipped`): they leave the
   * verdict `incomplete`, as in the scan.
   */
  unread?: readonly Skip[];
}

export interface AnalyzeTextResult {
  facts: FileFacts;
  /** Findings in this file only. */
  findings: Finding[];
  /**
   * The verdict of the file's application, judged on this text and the context's facts (a
   * `ReEncrypt` in another file blocks it). Its `kind` is unset: that comes from a scan.
   */
  app: AppResult;
  /** Set when the file could not be analysed (no analyser for its language, or the analyser failed). */
  problem?: string;
}

/**
 * One in-memory buffer (an editor's unsaved text) through the same prefilter, extractor, application
 * join and rules as a whole scan; costs one parse of this file.
 */
export async function analyzeText(
  file: string,
  text: string,
  opts: AnalyzeTextOptions = {},
): Promise<AnalyzeTextResult> {
  const language = languageOfPath(file) ?? 'other';
  let facts = emptyFacts(file, language);
  let problem: string | undefined;
  if (mayUseSdkText(language, text)) {
    const outcome = await extractFile(file, text, language);
    if (outcome.ok) facts = outcome.facts;
    else problem = outcome.detail;
  }
  const others = (opts.context ?? []).filter((f) => f.file !== file);
  const unread = (opts.unread ?? []).filter((s) => s.file !== file && leavesAppIncomplete(s));
  const analysis = analyzeApp({ dir: opts.app ?? '.', manifests: [] }, [...others, facts], unread);
  const settings = opts.rules ?? {};
  const findings = applySuppressions([analysis], runRules([analysis], settings), settings).filter(
    (f) => f.file === file,
  );
  fingerprintInText(findings, text, language);
  const result: AnalyzeTextResult = { facts, findings, app: judgeApp(analysis) };
  if (problem) result.problem = problem;
  return result;
}
