import { Command } from 'commander';
import { vi } from 'vitest';
import { registerKeys } from '../../src/cli/keys.js';
import { registerPlan } from '../../src/cli/plan.js';

/** Runs `keys` or `plan` in-process, capturing stdout/stderr and the exit code the command sets. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('kms-codemod').exitOverride();
  registerKeys(program);
  registerPlan(program);
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
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'kms-codemod', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}
