#!/usr/bin/env node
import { Command } from 'commander';
import { toolVersion } from './version.js';

type Register = (program: Command) => void;

// Each command module pulls in its whole subsystem (the mock, the verifier, the rewriters), so only
// the command being run is loaded: a plain `scan` must not pay for `verify`'s imports.
const COMMANDS: Record<string, () => Promise<Register>> = {
  scan: async () => (await import('./scan.js')).registerScan,
  migrate: async () => (await import('./migrate.js')).registerMigrate,
  mock: async () => (await import('./mock.js')).registerMock,
  verify: async () => (await import('./verify.js')).registerVerify,
  keys: async () => (await import('./keys.js')).registerKeys,
  plan: async () => (await import('./plan.js')).registerPlan,
};

async function main(): Promise<void> {
  const program = new Command('kms-codemod')
    .description('Move Alibaba Cloud KMS applications from the shared KMS gateway to a KMS instance.')
    .version(toolVersion())
    .showHelpAfterError()
    // Usage errors exit 2, like ESLint and Semgrep (ARCHITECTURE.md "Exit codes").
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });

  const requested = process.argv[2];
  const names = requested && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]())(program);
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kms-codemod: ${message}\n`);
  process.exit(2);
});
