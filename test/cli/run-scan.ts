import { Command } from 'commander';
import { vi } from 'vitest';
import { registerScan } from '../../src/cli/scan.js';

/** Runs `kms-codemod scan ...args` in-process; stdout is the caller's to spy on; returns the exit code and stderr. */
export async function runScanCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const program = new Command('kms-codemod').exitOverride();
  registerScan(program);
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  await program.parseAsync(['node', 'kms-codemod', 'scan', ...args]);
  const code = Number(process.exitCode ?? 0);
  vi.restoreAllMocks();
  return { code, stderr };
}
