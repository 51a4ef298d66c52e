#!/usr/bin/env node
import { EXIT_CODES } from './exit-status.js';
import { buildProgram } from './program.js';

async function main(): Promise<void> {
  // Commander's own usage errors exit 2, like ESLint and Semgrep (ARCHITECTURE.md "Exit codes");
  // each command's action sets its exit code through setExitStatus (exit-status.ts).
  const program = await buildProgram(process.argv, (err) =>
    process.exit(err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage),
  );
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kms-codemod: ${message}\n`);
  process.exit(EXIT_CODES.error);
});
