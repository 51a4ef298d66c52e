import { writeFileSync } from 'node:fs';
import type { RunResult } from '../toolchains/run-command.js';

/** One run's whole output in one file: the command, its exit code, stdout, then stderr. */
export function writeRunLog(file: string, command: string, r: RunResult): void {
  writeFileSync(
    file,
    `$ ${command}\n(exit ${r.code})\n--- stdout ---\n${r.stdout}${r.stdout.endsWith('\n') || !r.stdout ? '' : '\n'}--- stderr ---\n${r.stderr}`,
  );
}
