import { ensureToolchain, type ToolLang } from '../../toolchains/index.js';
import type { SampleLang } from '../types.js';
import { goRunner } from './go.js';
import { javaRunner } from './java.js';
import { nodeRunner } from './node.js';
import { pythonRunner } from './python.js';
import type { LanguageRunner } from './types.js';

export type { BuildOutcome, LanguageRunner, Program } from './types.js';

export function toolLangOf(lang: SampleLang): ToolLang {
  return lang === 'ts' ? 'node' : lang;
}

export type RunnerResult =
  | { ok: true; runner: LanguageRunner; env: Record<string, string> }
  | { ok: false; reason: string };

/** Bootstraps (or reuses) the language's SDK toolchain and returns the runner that builds its samples. */
export async function runnerFor(
  lang: SampleLang,
  cacheDir: string,
  onProgress?: (line: string) => void,
): Promise<RunnerResult> {
  const tc = await ensureToolchain(toolLangOf(lang), { cacheDir, onProgress });
  if (!tc.ok) return { ok: false, reason: tc.reason };
  switch (tc.lang) {
    case 'java':
      return { ok: true, runner: javaRunner(tc), env: tc.env };
    case 'python':
      return { ok: true, runner: pythonRunner(tc), env: tc.env };
    case 'go':
      return { ok: true, runner: goRunner(tc), env: tc.env };
    case 'node':
      // NODE_PATH from the toolchain would let a sample resolve packages it never declared.
      return { ok: true, runner: nodeRunner(tc), env: {} };
  }
}
