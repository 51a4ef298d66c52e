import { readdirSync } from 'node:fs';
import type { PythonToolchain } from '../../toolchains/index.js';
import { runCommand, tailOf } from '../../toolchains/run-command.js';
import type { BuildContext, BuildOutcome, LanguageRunner } from './types.js';

/** Python needs no build; a byte-compile pass reports syntax errors of a rewrite before any run. */
export function pythonRunner(tc: PythonToolchain): LanguageRunner {
  return {
    toolLang: 'python',
    async build(ctx: BuildContext): Promise<BuildOutcome> {
      const sources = readdirSync(ctx.dir).filter((f) => f.endsWith('.py'));
      const check =
        'import ast, sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p, encoding="utf-8").read(), p)\n';
      const r = await runCommand(tc.python, ['-c', check, ...sources], {
        cwd: ctx.dir,
        env: { ...process.env, ...tc.env },
      });
      if (r.code !== 0)
        return { ok: false, message: `python syntax check failed in ${ctx.dir}:\n${tailOf(r)}` };
      return {
        ok: true,
        cached: false,
        program: {
          command: tc.python,
          args: [ctx.manifest.entry],
          cwd: ctx.dir,
          env: { ...tc.env, PYTHONDONTWRITEBYTECODE: '1' },
        },
      };
    },
  };
}
