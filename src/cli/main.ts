#!/usr/bin/env node
import { Command } from 'commander';
import { registerKeys } from './keys.js';
import { registerMigrate } from './migrate.js';
import { registerMock } from './mock.js';
import { registerPlan } from './plan.js';
import { registerScan } from './scan.js';
import { registerVerify } from './verify.js';
import { toolVersion } from './version.js';

const program = new Command('kms-codemod')
  .description('Move Alibaba Cloud KMS applications from the shared KMS gateway to a KMS instance.')
  .version(toolVersion())
  .showHelpAfterError()
  // Usage errors exit 2, like ESLint and Semgrep (ARCHITECTURE.md "Exit codes").
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerScan(program);
registerMigrate(program);
registerMock(program);
registerVerify(program);
registerKeys(program);
registerPlan(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kms-codemod: ${message}\n`);
  process.exit(2);
});
