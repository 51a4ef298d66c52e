import type { Command } from 'commander';
import { type ExitStatus, type ExitStatusTable, exitStatusHelp, setExitStatus } from './exit-status.js';

export interface CommandSpec {
  name: string;
  description: string;
  /** What each exit code means for this command; shown under "Exit status" in its --help. */
  exitStatus: ExitStatusTable;
}

export const usageHint = (name: string): string => `Run 'kms-codemod ${name} --help' for usage.`;

/**
 * A subcommand with the conventions every command shares: a usage error prints one line and the
 * `--help` hint (not the whole help), and `--help` ends with the command's exit status table.
 */
export function defineCommand(program: Command, spec: CommandSpec): Command {
  return program
    .command(spec.name)
    .description(spec.description)
    .showHelpAfterError(usageHint(spec.name))
    .addHelpText('after', exitStatusHelp(spec.exitStatus));
}

/** A mistake in the command line the command found itself (flags that exclude each other, ...). */
export class CliUsageError extends Error {
  override name = 'UsageError';
}

/** The library's errors about a flag's value (keys/load-inventory.ts, keys/window.ts, keys/instances.ts). */
const USAGE_ERRORS = new Set(['UsageError', 'WindowError', 'InstanceFlagError']);
const isUsageError = (err: unknown): err is Error => err instanceof Error && USAGE_ERRORS.has(err.name);

/** Prints a usage error the way commander prints its own: one line, then the hint. */
export function usageError(name: string, message: string): ExitStatus {
  process.stderr.write(`kms-codemod ${name}: ${message}\n${usageHint(name)}\n`);
  return 'usage';
}

/**
 * A command's action: the status it returns becomes the exit code (in `setExitStatus`, the one
 * place); a usage error thrown anywhere below is one line plus the hint; anything else thrown is an
 * internal error, printed as one line naming the command.
 */
export function statusAction<A extends unknown[]>(
  name: string,
  run: (...args: A) => Promise<ExitStatus>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let status: ExitStatus;
    try {
      status = await run(...args);
    } catch (err) {
      if (isUsageError(err)) status = usageError(name, err.message);
      else {
        process.stderr.write(`kms-codemod ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
        status = 'error';
      }
    }
    setExitStatus(status);
  };
}
