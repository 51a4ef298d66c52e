import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GO_DIRECTIVE, type GoToolchain } from '../../toolchains/index.js';
import { runCommand, tailOf } from '../../toolchains/run-command.js';
import { hashDir } from '../hash-dir.js';
import type { BuildContext, BuildOutcome, LanguageRunner } from './types.js';

/**
 * Pins the copy's go.mod to the toolchain's module set (the one the module cache holds, so the build
 * needs no network) and builds it; binaries are cached by source hash.
 */
export function goRunner(tc: GoToolchain): LanguageRunner {
  return {
    toolLang: 'go',
    async build(ctx: BuildContext): Promise<BuildOutcome> {
      const goModPath = join(ctx.dir, 'go.mod');
      if (!existsSync(goModPath))
        return { ok: false, message: `${ctx.dir}: no go.mod; a Go sample needs its own module` };
      const module = /^module\s+(\S+)/m.exec(readFileSync(goModPath, 'utf8'))?.[1];
      if (!module) return { ok: false, message: `${goModPath}: no module line` };
      writeFileSync(goModPath, `module ${module}\n\ngo ${GO_DIRECTIVE}\n\n${tc.goModRequires}`);
      if (tc.replaceOrSum) writeFileSync(join(ctx.dir, 'go.sum'), tc.replaceOrSum);
      const out = join(ctx.buildCacheDir, `go-${hashDir(ctx.dir, tc.go)}`);
      const bin = join(out, 'app');
      const cached = existsSync(bin);
      if (!cached) {
        mkdirSync(out, { recursive: true });
        const tmp = `${bin}.tmp-${process.pid}`;
        ctx.onProgress?.(`go build ${ctx.manifest.entry} in ${ctx.dir}`);
        const r = await runCommand(tc.go, ['build', '-o', tmp, ctx.manifest.entry], {
          cwd: ctx.dir,
          env: { ...process.env, ...tc.env },
        });
        if (r.code !== 0) return { ok: false, message: `go build failed in ${ctx.dir}:\n${tailOf(r)}` };
        renameSync(tmp, bin);
      }
      return { ok: true, cached, program: { command: bin, args: [], cwd: ctx.dir, env: {} } };
    },
  };
}
