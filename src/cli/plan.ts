import type { Command } from 'commander';

// Placeholder until the plan command lands; its owner replaces this file.
export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('(not implemented yet)')
    .action(() => {
      process.stderr.write('kms-codemod plan: not implemented yet\n');
      process.exit(2);
    });
}
