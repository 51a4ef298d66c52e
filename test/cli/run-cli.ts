import { CommanderError } from 'commander';
import { vi } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exit-status.js';
import { buildProgram } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `kms-codemod ...args` in-process with the program main.ts builds, capturing stdout, stderr
 * and the exit code (commander's own exits are thrown here instead of ending the process).
 */
export async function runCli(args: string[], opts: { cwd?: string } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const prevCwd = process.cwd();
  process.exitCode = 0;
  let code: number;
  try {
    if (opts.cwd) process.chdir(opts.cwd);
    const argv = ['node', 'kms-codemod', ...args];
    await (await buildProgram(argv)).parseAsync(argv);
    code = Number(process.exitCode ?? 0);
  } catch (thrown) {
    if (!(thrown instanceof CommanderError)) throw thrown;
    code = thrown.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  } finally {
    process.chdir(prevCwd);
    o.mockRestore();
    e.mockRestore();
  }
  process.exitCode = 0;
  return { code, out, err };
}
