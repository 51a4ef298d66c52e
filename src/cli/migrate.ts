import type { Command } from 'commander';

// Placeholder until the migrate command lands; its owner replaces this file.
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod migrate: not implemented yet\n');
      process.exit(2);
    });
}
