import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { CONFIG_FILE } from '../config/config.js';
import { type ProgressLine, progressLine } from './progress-line.js';

/**
 * The options every command shares, each defined once here so that `scan`, `migrate`, `plan`,
 * `keys`, `verify` (and `review`, `lsp`) spell and explain them the same way. A command adds its own
 * flags with one `.option(...)` line each, after these.
 */

/** The flags of a command that prints a report. */
export interface ReportFlags<F extends string = string> {
  format: F;
  output?: string;
  quiet?: boolean;
  /** `--color` true, `--no-color` false, neither: decided by the environment (`useColor`). */
  color?: boolean;
}

/** The flags of a command that reads `kms-codemod.config.json`. */
export interface ConfigFlags {
  /** A file, `false` for `--no-config`, or unset: the nearest config above each scanned path. */
  config?: string | false;
}

/** For repeatable flags: `--ignore a --ignore b` → ['a', 'b']. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `-o/--output`, `-q/--quiet`: for every command that prints a report, with or without formats. */
export function outputOptions(cmd: Command): Command {
  return cmd
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-q, --quiet', 'print errors only: no progress line, warnings or notes');
}

/** `-f/--format`, `-o/--output`, `-q/--quiet`, `--color`/`--no-color`. */
export function reportOptions<F extends string>(
  cmd: Command,
  formats: readonly F[],
  defaultFormat: F,
): Command {
  return outputOptions(
    cmd.addOption(
      new Option('-f, --format <format>', 'report format').choices([...formats]).default(defaultFormat),
    ),
  )
    .option('--color', 'color the report even off a terminal (or set FORCE_COLOR=1)')
    .option('--no-color', 'never color the report (or set NO_COLOR=1)');
}

/** `-c/--config FILE` and `--no-config`; `searchedFrom` says where the default search starts. */
export function configOptions(
  cmd: Command,
  searchedFrom = 'in or above each scanned path, else above the working directory',
): Command {
  return cmd
    .option('-c, --config <file>', `config file (default: the nearest ${CONFIG_FILE} ${searchedFrom})`)
    .option('--no-config', `ignore every ${CONFIG_FILE}`);
}

/**
 * Whether to color what goes to `stream`: `--color`/`--no-color` first, then FORCE_COLOR (as Node
 * and chalk read it: set and not "0"/"false" forces color), then NO_COLOR (set and non-empty turns it
 * off, no-color.org), then a terminal that is not being written to a file.
 */
export function useColor(
  flags: Pick<ReportFlags, 'color' | 'output'>,
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (flags.color !== undefined) return flags.color;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !flags.output && stream.isTTY === true;
}

/** Writes the report where `-o` says, else to stdout. */
export function writeReport(text: string, flags: Pick<ReportFlags, 'output'>): void {
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
}

/** The progress line on stderr (TTY only, after a second), or none under `--quiet`. */
export function progressFor(flags: Pick<ReportFlags, 'quiet'>): ProgressLine {
  return flags.quiet ? progressLine({ isTTY: false, write: () => true }) : progressLine();
}
