import type { Command } from 'commander';

// Placeholder until the mock command lands; its owner replaces this file.
export function registerMock(program: Command): void {
  program
    .command('mock')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod mock: not implemented yet\n');
      process.exit(2);
    });
}
