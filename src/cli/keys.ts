import type { Command } from 'commander';

// Placeholder until the keys command lands; its owner replaces this file.
export function registerKeys(program: Command): void {
  program
    .command('keys')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod keys: not implemented yet\n');
      process.exit(2);
    });
}
