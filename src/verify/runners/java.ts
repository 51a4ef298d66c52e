import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { JavaToolchain } from '../../toolchains/index.js';
import { runCommand, tailOf } from '../../toolchains/run-command.js';
import { hashDir } from '../hash-dir.js';
import type { BuildContext, BuildOutcome, LanguageRunner } from './types.js';

/** Compiles a sample's .java files with javac against the toolchain classpath; classes are cached by source hash. */
export function javaRunner(tc: JavaToolchain): LanguageRunner {
  return {
    toolLang: 'java',
    async build(ctx: BuildContext): Promise<BuildOutcome> {
      const sources = readdirSync(ctx.dir).filter((f) => f.endsWith('.java'));
      if (sources.length === 0) return { ok: false, message: `${ctx.dir}: no .java files to compile` };
      const out = join(ctx.buildCacheDir, `java-${hashDir(ctx.dir, tc.classpath)}`);
      const cached = existsSync(join(out, '.done'));
      if (!cached) {
        const tmp = `${out}.tmp-${process.pid}`;
        rmSync(tmp, { recursive: true, force: true });
        mkdirSync(tmp, { recursive: true });
        ctx.onProgress?.(`javac ${sources.join(' ')} in ${ctx.dir}`);
        const r = await runCommand(
          tc.javac,
          ['-nowarn', '-encoding', 'UTF-8', '-cp', tc.classpath, '-d', tmp, ...sources],
          {
            cwd: ctx.dir,
            env: { ...process.env, ...tc.env },
          },
        );
        if (r.code !== 0) return { ok: false, message: `javac failed in ${ctx.dir}:\n${tailOf(r)}` };
        mkdirSync(join(tmp, '.done'));
        rmSync(out, { recursive: true, force: true });
        renameSync(tmp, out);
      }
      return {
        ok: true,
        cached,
        program: {
          command: tc.java,
          // C1 only and class-data sharing: these samples are short-lived, start-up dominates.
          args: [
            '-XX:TieredStopAtLevel=1',
            '-Xshare:auto',
            '-cp',
            `${out}${delimiter}${tc.classpath}`,
            ctx.manifest.entry,
          ],
          cwd: ctx.dir,
          env: { ...tc.env },
        },
      };
    },
  };
}
