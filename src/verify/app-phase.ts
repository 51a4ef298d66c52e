import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type RunResult, runCommand } from '../toolchains/run-command.js';
import { linesThatMatter } from './output-lines.js';
import { writeRunLog } from './run-log.js';
import type { CommandEvidence } from './types.js';

const COMMAND_TIMEOUT_MS = 15 * 60_000;
const SHOWN_IN_PROGRESS = 100;

/** One run of a user's command in one phase. */
export interface PhaseRun extends RunResult {
  /** `before`, `after (unmodified app)`, `after`, `tls`. */
  run: string;
  command: string;
  cwd: string;
  /** The run's whole output (command, exit code, stdout, stderr). */
  log: string;
}

export interface PhaseRunnerOptions {
  logDir: string;
  /** The environment of a run in `cwd`, with the run's own additions. */
  env: (cwd: string, extra: Record<string, string>) => Record<string, string>;
  /** One line per run started (progress). */
  say: (line: string) => void;
  /** Each line the command prints (`--verbose`); otherwise its output only goes to the log. */
  onOutput?: (line: string) => void;
}

/** Runs a user's shell command in a phase: its output goes to a log file, and to the terminal only under --verbose. */
export async function runPhase(
  opts: PhaseRunnerOptions,
  run: string,
  command: string,
  cwd: string,
  extra: Record<string, string> = {},
): Promise<PhaseRun> {
  opts.say(
    `${run}: ${command.length > SHOWN_IN_PROGRESS ? `${command.slice(0, SHOWN_IN_PROGRESS - 3)}...` : command}`,
  );
  const onOutput = opts.onOutput;
  const r = await runCommand('/bin/sh', ['-c', command], {
    cwd,
    env: opts.env(cwd, extra),
    timeoutMs: COMMAND_TIMEOUT_MS,
    onLine: onOutput ? (line) => onOutput(`${run}: ${line}`) : undefined,
  });
  mkdirSync(opts.logDir, { recursive: true });
  const log = join(opts.logDir, `${run.replace(/[^a-z]+/gi, '-').replace(/-$/, '')}.log`);
  writeRunLog(log, command, r);
  return { ...r, run, command, cwd, log };
}

/**
 * A run as a check's evidence. Its output is only there when the check failed because of it: a
 * passing check's output (the TLS run's expected failure included) stays in the log.
 */
export function commandEvidence(r: PhaseRun, opts: { withOutput: boolean; keep?: boolean }): CommandEvidence {
  const output = opts.withOutput ? linesThatMatter(r.stdout, r.stderr) : [];
  return {
    run: r.run,
    command: r.command,
    exitCode: r.code,
    ...(output.length ? { output } : {}),
    ...(opts.keep ? { log: r.log } : {}),
  };
}
