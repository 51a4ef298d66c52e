import type { Command } from 'commander';

// Placeholder until the verify command lands; its owner replaces this file.
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod verify: not implemented yet\n');
      process.exit(2);
    });
}
