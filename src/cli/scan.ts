import type { Command } from 'commander';

// Placeholder until the scan command lands; its owner replaces this file.
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod scan: not implemented yet\n');
      process.exit(2);
    });
}
