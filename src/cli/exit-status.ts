/**
 * What a command's run came to. Every command action returns one; `setExitStatus` is the only place
 * that turns it into the process exit code (ESLint's and Semgrep's 0/1/2, Ruff's `ExitStatus`).
 */
export type ExitStatus = 'ok' | 'failure' | 'usage' | 'error';

export const EXIT_CODES: Readonly<Record<ExitStatus, number>> = {
  ok: 0,
  failure: 1,
  usage: 2,
  error: 2,
};

export function setExitStatus(status: ExitStatus): void {
  process.exitCode = EXIT_CODES[status];
}

/** One command's exit status table, as its `--help` shows it. */
export type ExitStatusTable = Partial<Record<ExitStatus, string>>;

/** The rows every command shares. */
export const USAGE_OR_ERROR =
  'usage error (unknown flag, bad value, missing path, unreadable config) or internal error';

/** The "Exit status" section of a command's --help: one line per status, in code order. */
export function exitStatusHelp(table: ExitStatusTable): string {
  const lines = (Object.entries(table) as [ExitStatus, string][])
    .sort(([a], [b]) => EXIT_CODES[a] - EXIT_CODES[b])
    .map(([status, text]) => `  ${EXIT_CODES[status]}  ${text}`);
  return `\nExit status:\n${lines.join('\n')}\n`;
}
