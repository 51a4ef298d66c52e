import { Command, type CommanderError } from 'commander';
import { toolVersion } from './version.js';

type Register = (program: Command) => void;

// Each command module pulls in its whole subsystem (the mock, the verifier, the rewriters), so only
// the command being run is loaded: a plain `scan` must not pay for `verify`'s imports.
export const COMMANDS: Record<string, () => Promise<Register>> = {
  scan: async () => (await import('./scan.js')).registerScan,
  migrate: async () => (await import('./migrate.js')).registerMigrate,
  mock: async () => (await import('./mock.js')).registerMock,
  verify: async () => (await import('./verify.js')).registerVerify,
  keys: async () => (await import('./keys.js')).registerKeys,
  plan: async () => (await import('./plan.js')).registerPlan,
  review: async () => (await import('./review.js')).registerReview,
  lsp: async () => (await import('./lsp.js')).registerLsp,
};

/**
 * The `kms-codemod` program with the commands named in `argv` (all of them for the top-level help).
 * A usage error is one line and a hint, not the whole help; each command names its own `--help`.
 * `onExit` gets commander's own exits (help, version, usage errors); the commands inherit it, so it
 * is set before they are added. Without it, commander throws them (tests).
 */
export async function buildProgram(
  argv: readonly string[],
  onExit?: (err: CommanderError) => never,
): Promise<Command> {
  const program = new Command('kms-codemod')
    .description('Move Alibaba Cloud KMS applications from the shared KMS gateway to a KMS instance.')
    .version(toolVersion())
    .showHelpAfterError("Run 'kms-codemod --help' for usage.")
    .exitOverride(onExit);
  const requested = argv[2];
  const names =
    requested && requested in COMMANDS
      ? [requested]
      : requested === '--version' || requested === '-V'
        ? []
        : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]())(program);
  return program;
}
