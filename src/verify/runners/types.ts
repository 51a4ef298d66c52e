import type { ToolLang } from '../../toolchains/index.js';
import type { SampleManifest } from '../types.js';

/** How to start a built sample: no shell, the sample's own directory as cwd. */
export interface Program {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export type BuildOutcome = { ok: true; program: Program; cached: boolean } | { ok: false; message: string };

export interface BuildContext {
  /** The sample copy to build in place. */
  dir: string;
  manifest: SampleManifest;
  /** Directory for reusable build output, keyed by content hash. */
  buildCacheDir: string;
  onProgress?: (line: string) => void;
}

export interface LanguageRunner {
  toolLang: ToolLang;
  build(ctx: BuildContext): Promise<BuildOutcome>;
}
